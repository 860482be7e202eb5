import KnowledgeBase

extension LogLayout {
  private static let time = "([0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},[0-9]{3})"
  private static let level = "(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)"

  /// The line layouts of `atlassian-logs.md`, most specific first.
  static let all: [LogLayout] = [
    .init(
      id: "bitbucket", product: "bitbucket",
      pattern:
        "^\(time) \(level) +\\[([^\\]]*)\\] [^ \\t]+ @[^ \\t]+ [^ \\t]+ [^ \\t]+ \"[^\"]*\" ([^ \\t]+) ",
      captures: ["log_time", "level", "thread", "logger"],
      samples: [
        "2024-03-05 14:02:11,287 ERROR [http-nio-7990-exec-9] alice @1KIQBHMx418x285211x2 wpmwu 10.0.0.7 \"GET /rest/api/1.0/projects HTTP/1.1\" c.a.o.s.i.servlet.OAuthFilter oauth_problem=token_rejected",
        "2025-11-19 08:41:07,004 WARN  [http-nio-7990-exec-3] - @YD2K0Bx521x9x0 - 192.168.1.20 \"POST /rest/applinks/3.0/status HTTP/1.1\" c.a.a.i.status.DefaultApplinkStatusService Remote authentication failed",
      ]),
    .init(
      id: "fisheye", product: "fisheye",
      pattern: "^\(time) \(level) +\\[ *([^\\] ]*) *\\] (?:fisheye|crucible) ([^ \\t]+) ",
      captures: ["log_time", "level", "thread", "logger"],
      samples: [
        "2024-03-05 14:02:11,287 WARN  [qtp1883394945-102 ] fisheye OAuthFilter-doFilter - oauth_problem=token_rejected",
        "2025-02-14 10:12:44,511 ERROR [btpool0-7 ] crucible AppLinksAuthFilter-doFilter - Signature is invalid",
      ]),
    .init(
      id: "bracketed", product: nil,
      pattern: "^\(time) \(level) +\\[([^\\]]*)\\] \\[([^\\]]*)\\] ",
      captures: ["log_time", "level", "thread", "logger"],
      samples: [
        "2024-03-05 14:02:11,287 WARN [http-nio-8090-exec-6] [confluence.applinks.OAuthHandler] oauth_problem=token_rejected",
        "2024-03-05 14:02:11,287 ERROR [http-nio-8085-exec-12] [com.atlassian.bamboo.oauth.OAuthFilter] oauth_problem=token_rejected",
      ]),
    .init(
      id: "crowd", product: "crowd",
      pattern: "^\(time) ([^ \\t]+) \(level) +\\[([^\\]]*)\\] ",
      captures: ["log_time", "thread", "level", "logger"],
      samples: [
        "2024-03-05 14:02:11,287 http-nio-8095-exec-15 INFO [crowd.manager.validation.ClientValidationManagerImpl] oauth_problem=token_rejected",
        "2025-06-30 23:59:01,002 scheduler_Worker-4 WARN [atlassian.crowd.directory.DbCachingRemoteDirectory] Incremental sync failed",
      ]),
    .init(
      id: "jira", product: "jira",
      pattern: "^\(time) ([^ \\t]+) \(level) +(?:[^ \\t]+ ){2,7}\\[([^\\]]*)\\] ",
      captures: ["log_time", "thread", "level", "logger"],
      samples: [
        "2024-03-05 14:02:11,287 http-nio-8080-exec-49 WARN alice 842x26597x1 1k9a2i5 10.0.0.7 /rest/applinks/1.0/manifest [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem encountered authenticating OAuth client",
        "2025-01-08 03:15:27,930 http-nio-8080-exec-2 ERROR admin 195x3x1 - 10.1.1.4 /plugins/servlet/applinks/listApplicationLinks [c.a.applinks.core.DefaultApplicationLinkService] Unable to reach the remote application",
      ]),
  ]
}
