import KnowledgeBase

extension Product {
  /// The products that take part in application links, sorted by id.
  static let all: [Product] = [
    .bamboo, .bitbucket, .confluence, .crowd, .crucible, .fisheye, .jira,
  ]

  /// The loggers that show what an application link does, as a Markdown list.
  private static let linkLoggers = """
    - `com.atlassian.oauth`: OAuth requests this application receives
    - `com.atlassian.applinks`: requests this application sends over its links
    - `net.oauth`: the OAuth library both directions use
    - `com.atlassian.sal.core.net`: the HTTP client underneath application links
    """

  static let bamboo = Product(
    id: "bamboo",
    name: "Bamboo",
    applicationLogs: ["<Bamboo home>/logs", "<Bamboo installation directory>/logs"],
    webServerLogs: [],
    logFiles: ["atlassian-bamboo.log", "catalina.out"],
    loggerPrefixes: ["com.atlassian.bamboo", "c.a.bamboo", "bamboo."],
    debugLogging: """
      Bamboo sets log levels on the log settings screen of its administration area. Add each \
      of these loggers there with the level `DEBUG`:

      \(linkLoggers)

      Reproduce the failure, then read `atlassian-bamboo.log`.
      """
  )

  static let bitbucket = Product(
    id: "bitbucket",
    name: "Bitbucket Server",
    formerNames: ["Stash"],
    applicationLogs: ["<Bitbucket home directory>/log", "<Stash home directory>/log"],
    webServerLogs: [
      "<Bitbucket Server installation directory>/logs", "<Stash installation directory>/logs",
    ],
    logFiles: ["atlassian-bitbucket.log", "atlassian-stash.log"],
    loggerPrefixes: [
      "com.atlassian.bitbucket", "com.atlassian.stash", "c.a.bitbucket", "c.a.stash",
    ],
    debugLogging: """
      Bitbucket Server sets log levels on the logging screen of its administration area. It \
      also accepts them over REST, one logger per request, from a system administrator:

      ```
      curl -u admin -X PUT -H "Content-Type: application/json" \\
        https://bitbucket.example.com/rest/api/latest/logs/logger/com.atlassian.oauth/DEBUG
      ```

      Set these loggers to `DEBUG`:

      \(linkLoggers)

      Reproduce the failure, then read `atlassian-bitbucket.log` (`atlassian-stash.log` on \
      Stash). Afterwards, set each logger back to its previous level the same way.
      """
  )

  static let confluence = Product(
    id: "confluence",
    name: "Confluence",
    applicationLogs: ["<Confluence home directory>/logs"],
    webServerLogs: ["<Confluence installation directory>/logs"],
    logFiles: ["atlassian-confluence.log", "catalina.out"],
    loggerPrefixes: ["com.atlassian.confluence", "c.a.confluence", "confluence."],
    debugLogging: """
      Confluence sets log levels on the logging and profiling screen of its administration \
      area. Add each of these loggers there with the level `DEBUG`:

      \(linkLoggers)

      Levels changed on that screen only last until Confluence restarts. Reproduce the \
      failure, then read `atlassian-confluence.log`.
      """
  )

  static let crowd = Product(
    id: "crowd",
    name: "Crowd",
    applicationLogs: ["<Crowd home directory>/logs"],
    webServerLogs: ["<Crowd installation directory>/apache-tomcat/logs"],
    logFiles: ["atlassian-crowd.log", "catalina.out"],
    loggerPrefixes: ["com.atlassian.crowd", "c.a.crowd", "crowd."],
    debugLogging: """
      Crowd sets log levels on the logging and profiling screen of its administration area. \
      Set these loggers to `DEBUG` there:

      \(linkLoggers)

      Reproduce the failure, then read `atlassian-crowd.log`.
      """
  )

  static let crucible = Product(
    id: "crucible",
    name: "Crucible",
    applicationLogs: ["<Crucible installation directory>/var/log/"],
    webServerLogs: [],
    logFiles: ["atlassian-fisheye-YYYY-MM-DD.log", "fisheye.out"],
    loggerPrefixes: ["com.cenqua.crucible", "crucible."],
    debugLogging: """
      Crucible runs inside the Fisheye server and shares its log, so the steps are those of \
      Fisheye: turn on debug logging in the server settings of the administration area. The \
      loggers that matter for application links are:

      \(linkLoggers)

      Reproduce the failure, then read the `atlassian-fisheye-YYYY-MM-DD.log` of that day.
      """
  )

  static let fisheye = Product(
    id: "fisheye",
    name: "Fisheye",
    applicationLogs: ["<FishEye installation directory>/var/log/"],
    webServerLogs: [],
    logFiles: ["atlassian-fisheye-YYYY-MM-DD.log", "fisheye.out"],
    loggerPrefixes: ["com.cenqua.fisheye", "fisheye."],
    debugLogging: """
      Fisheye turns on debug logging in the server settings of its administration area. The \
      loggers that matter for application links are:

      \(linkLoggers)

      Reproduce the failure, then read the `atlassian-fisheye-YYYY-MM-DD.log` of that day; \
      Crucible writes to the same file.
      """
  )

  static let jira = Product(
    id: "jira",
    name: "Jira",
    applicationLogs: ["<JIRA application home directory>/log"],
    webServerLogs: ["<JIRA application installation directory>/logs"],
    logFiles: ["atlassian-jira.log", "atlassian-jira-security.log", "catalina.out"],
    loggerPrefixes: ["com.atlassian.jira", "c.a.jira"],
    debugLogging: """
      Jira sets log levels on the logging and profiling screen of its system administration \
      area. Add each of these loggers there with the level `DEBUG`:

      \(linkLoggers)

      Levels changed on that screen only last until Jira restarts. Reproduce the failure, \
      then read `atlassian-jira.log`.
      """
  )
}
