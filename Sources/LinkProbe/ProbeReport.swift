import Foundation
import KnowledgeBase

/// What `lookup probe` found, as printed with `--json` (`Site/probe.schema.json`).
public struct ProbeReport: Codable, Sendable {
  /// The format of this document.
  public var probeVersion = 1
  /// Where the probe ran: an application's own view may differ.
  public var ranFrom: String
  public var started: String
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
  public var url: String
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
  public var linkId: String
  public var name: String?
  public var displayUrl: String?
  public var working: Bool?
  public var errorCategory: String?
  public var errorType: String?
  /// The catalogue problem for `errorType`.
  public var problem: String?
  /// The probe's own finding for the same remote, and whether the two agree.
  public var probeSaw: [String]?
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
  public var problem: String
  public var title: String
  public var summary: String
  public var category: String
  public var causes: [Cause]
  /// The help page.
  public var url: String
  /// The checks that named it.
  public var checks: [String]
}
