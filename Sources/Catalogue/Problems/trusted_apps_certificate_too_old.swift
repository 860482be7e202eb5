import KnowledgeBase

extension Problem {
  static let trustedAppsCertificateTooOld = Problem(
    id: "trusted_apps_certificate_too_old",
    title: "Trusted Applications certificate too old",
    summary: """
      The receiving application rejected a legacy Trusted Applications request because the \
      certificate in it looked older than the allowed timeout.
      """,
    meaning: """
      With Trusted Applications, the caller attaches a short-lived certificate to every \
      request, stamped with the time it was created. The receiver accepts it only if that \
      time plus the configured certificate timeout has not yet passed by its own clock. \
      `CertificateTooOldException` (error code `OLD_CERT`) therefore nearly always means the \
      two servers' clocks disagree, and the request falls back to anonymous access.
      """,
    logMessage: """
      com.atlassian.security.auth.trustedapps.CertificateTooOldException: Certificate too old. \
      Application: <application id> Certificate Created: <date> Timeout: <milliseconds>
      """,
    category: .trustedApplications,
    causes: [
      Cause(
        """
        The clocks of the two servers are out of step, so a fresh certificate already looks \
        expired to the receiver.
        """,
        actions: [
          "Run `date -u` on both servers at the same moment and compare the results.",
          """
          Enable time synchronisation (NTP, `chronyd` or `systemd-timesyncd`) on both servers, \
          including virtual machines that drift after being paused or moved.
          """,
          "Test the link again once the clocks agree; no restart is needed for this check.",
        ]
      ),
      Cause(
        """
        The certificate timeout configured for the trusted application is shorter than the \
        time requests spend on the way, for example behind a slow proxy.
        """,
        actions: [
          """
          In the receiving application's Trusted Applications settings for the caller, raise \
          the certificate timeout a little.
          """,
          "Prefer fixing clock drift first; a long timeout only hides it.",
        ]
      ),
      Cause(
        """
        The link still relies on Trusted Applications at all; OAuth is the supported \
        replacement (it also needs synchronised clocks).
        """,
        actions: [
          """
          Update the link to OAuth from its status on the application links screen, or switch \
          its incoming and outgoing authentication to OAuth on both ends.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code,
        literal: "OLD_CERT",
        pattern: "[Xx]-[Ss]eraph-[Tt]rusted-[Aa]pp-[Ee]rror[=:] ?OLD_CERT",
        priority: 80
      ),
      LogMessage(
        .exception,
        literal: "CertificateTooOldException: Certificate too old",
        pattern: "CertificateTooOldException: Certificate too old"
      ),
      LogMessage(
        .wording,
        literal: "Certificate too old. Application: ",
        pattern: #"Certificate too old\. Application: "#
      ),
      LogMessage(
        .code,
        literal: "OLD_CERT",
        pattern: "(?:^|[^A-Za-z0-9_])OLD_CERT(?![A-Za-z0-9_])",
        priority: 40
      ),
    ],
    seeAlso: [
      .problem("timestamp_refused"),
      .problem("trusted_apps_bad_signature"),
      .problem("trusted_apps_bad_remote_ip"),
      .article("what-is-oauth"),
    ],
    examples: [
      """
      2024-03-05 14:02:11,287 http-nio-8080-exec-7 WARN anonymous 842x26597x1 - 10.0.0.9 \
      /rest/api/2/search [c.a.s.a.t.filter.TrustedApplicationsFilter] \
      com.atlassian.security.auth.trustedapps.CertificateTooOldException: Certificate too old. \
      Application: confluence:8822431 Certificate Created: Tue Mar 05 14:01:49 UTC 2024 \
      Timeout: 10000
      """,
      """
      Caused by: com.atlassian.security.auth.trustedapps.CertificateTooOldException: \
      Certificate too old. Application: jira:1048673 Certificate Created: Tue Mar 05 14:01:49 \
      UTC 2024 Timeout: 10000
      """,
      """
      X-Seraph-Trusted-App-Error: OLD_CERT;\tCertificate too old. Application: {0} Certificate \
      Created: {1} Timeout: {2};\t["confluence:8822431","Tue Mar 05 14:01:49 UTC 2024","10000"]
      """,
      "OLD_CERT",
    ]
  )
}
