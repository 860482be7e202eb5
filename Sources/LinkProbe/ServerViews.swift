import Foundation
import LogRules

/// With administrator credentials: the links an end holds and its own verdict on each, from
/// `/rest/applinks/3.0/applinks` and `/rest/applinks/3.0/status/{id}`. Provider
/// configurations are never fetched, so Basic-auth secrets cannot be printed.
struct ServerViews {
  var fetcher: Fetcher
  var credentials: Credentials
  var ruleSet: RuleSet

  func run(_ end: ProbeTarget, probeSaw: [String: [String]]) async -> ([ServerView], ProbeCheck) {
    let name = "server-view \(end.host)"
    let url = end.url("/rest/applinks/3.0/applinks")
    let authorization = credentials.authorization
    switch await fetcher.get(url, accept: "application/json", authorization: authorization) {
    case .failure(let failure):
      return ([], EndProbe.fetchFailure(name, url, failure))
    case .success(let response):
      guard response.status == 200,
        let list = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]]
      else {
        let why =
          response.status == 401 || response.status == 403
          ? "the credentials were refused (\(response.status)): an administrator is needed"
          : "status \(response.status) without the list of links"
        return ([], ProbeCheck(name, .skipped, why, evidence: ["GET \(url) → \(response.status)"]))
      }
      var views: [ServerView] = []
      for link in list.prefix(50) {
        guard let id = link["id"] as? String,
          id.range(of: "^[A-Za-z0-9-]{1,64}$", options: .regularExpression) != nil
        else { continue }
        var view = ServerView(
          end: end.normalised, linkId: id, name: link["name"] as? String,
          displayUrl: link["displayUrl"] as? String)
        let statusURL = end.url("/rest/applinks/3.0/status/\(id)")
        if case .success(let status) = await fetcher.get(
          statusURL, accept: "application/json", authorization: authorization),
          status.status == 200,
          let object = try? JSONSerialization.jsonObject(with: Data(status.body)) as? [String: Any]
        {
          view.working = object["working"] as? Bool
          let error = object["error"] as? [String: Any]
          view.errorCategory = error?["category"] as? String
          view.errorType = error?["type"] as? String
          if let type = view.errorType {
            view.problem = ruleSet.problems.first { $0.linkStatusTypes.contains(type) }?.id
          }
        } else {
          view.note = "its status could not be read"
        }
        if let display = view.displayUrl, let target = try? ProbeTarget(display),
          let saw = probeSaw[target.normalised]
        {
          view.probeSaw = saw
          let serverSaw = view.problem.map { [$0] } ?? []
          if Set(saw) != Set(serverSaw) {
            view.note =
              "the server's view and the probe's differ: they ran from different places "
              + "(the server reaches the remote through its own network, DNS and truststore)"
          }
        }
        views.append(view)
      }
      let broken = views.filter { $0.working == false }.count
      return (
        views,
        ProbeCheck(
          name, .info, "\(views.count) links, \(broken) not working by the server's own check",
          evidence: ["GET \(url) → 200 (as \(credentials))"])
      )
    }
  }
}
