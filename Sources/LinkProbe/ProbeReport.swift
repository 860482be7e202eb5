import Foundation
import KnowledgeBase

/// What `lookup probe` found, as printed with `--json` (`Site/probe.schema.json`).
public struct ProbeReport: Codable, Sendable {
  /// The format of this document.
  public var probeVersion = 1
  /// Where the probe ran: an application's own view may differ.
  public var ranFrom: String
  /// When the probe started, in ISO 8601.
  public var started: String
  /// How long the probe ran, in whole milliseconds.
  public var milliseconds: Int
  /// One entry per URL given, in order.
  public var ends: [EndReport]
  /// The checks between the two ends, when two URLs were given.
  public var link: [ProbeCheck]?
  /// The views of the servers' own status API, with credentials.
  public var serverViews: [ServerView]?
  /// Every problem named by a failed check, in order of first appearance, explained as
  /// `lookup` explains it.
  public var problems: [ProbeProblem]
  /// 0 nothing wrong, 1 a problem found.
  public var exitStatus: Int

  enum CodingKeys: String, CodingKey {
    case probeVersion = "probe_version"
    case ranFrom = "ran_from"
    case started, milliseconds, ends, link
    case serverViews = "server_views"
    case problems
    case exitStatus = "exit_status"
  }
}

/// The checks of one end.
public struct EndReport: Codable, Sendable {
  /// The end's base URL, as given.
  public var url: String
  /// The checks run against this end, in the order they ran.
  public var checks: [ProbeCheck]
  /// The manifest as read, when it was.
  public var manifest: Manifest?
  /// The remote clock minus the local one, in seconds, when a `Date` was read.
  public var clockOffsetSeconds: Double?

  enum CodingKeys: String, CodingKey {
    case url, checks, manifest
    case clockOffsetSeconds = "clock_offset_seconds"
  }
}

/// One link as an end's own status API reports it (with credentials).
public struct ServerView: Codable, Sendable, Equatable {
  /// The URL of the end that was asked.
  public var end: String
  /// The link's id in the end's status API.
  public var linkId: String
  /// The link's name, as the end shows it.
  public var name: String?
  /// The remote end's URL as the link displays it.
  public var displayUrl: String?
  /// The end's own verdict on the link; nil when its status could not be read.
  public var working: Bool?
  /// The category of the status error (`NETWORK_ERROR`), when the link is not working.
  public var errorCategory: String?
  /// The status error type (`AUTH_LEVEL_UNSUPPORTED`), when the link is not working.
  public var errorType: String?
  /// The catalogue problem for `errorType`.
  public var problem: String?
  /// The probe's own finding for the same remote, and whether the two agree.
  public var probeSaw: [String]?
  /// Why the view is incomplete, or why it differs from the probe's finding.
  public var note: String?

  enum CodingKeys: String, CodingKey {
    case end
    case linkId = "link_id"
    case name
    case displayUrl = "display_url"
    case working
    case errorCategory = "error_category"
    case errorType = "error_type"
    case problem
    case probeSaw = "probe_saw"
    case note
  }
}

/// A problem a check named, with the catalogue's explanation.
public struct ProbeProblem: Codable, Sendable, Equatable {
  /// The problem's id.
  public var problem: String
  /// The problem's title.
  public var title: String
  /// One sentence for lists and search results.
  public var summary: String
  /// The raw value of the problem's category (`network-and-tls`).
  public var category: String
  /// Why the problem happens, each cause with its actions in the order to try them.
  public var causes: [Cause]
  /// The help page.
  public var url: String
  /// The checks that named it.
  public var checks: [String]
}
