import KnowledgeBase

extension Problem {
  static let linkSetupIncomplete = Problem(
    id: "link_setup_incomplete",
    title: "Link set up on one side only or not finished",
    summary: """
      The links screen says that a link is still being set up, is only partly configured, \
      connects one way only, or needs its OAuth details submitted again.
      """,
    meaning: """
      A link between two applications has two halves: this side's record with its outgoing \
      and incoming authentication, and the matching record on the other side. Creating a \
      link walks through both, and newer screens (cloud and Government sites) name the \
      states on the way: SETTING UP while the steps are not done, PARTIALLY CONFIGURED when \
      some settings are missing or wrong, PARTIALLY CONNECTED when only one direction works, \
      RESUBMISSION REQUIRED when the OAuth details have to be entered again before the \
      link can be created. Until the link is complete, requests in the missing direction \
      fail, typically with `consumer_key_unknown` or an authentication error on the other \
      side.
      """,
    logMessage: "The configuration for the application link isn't complete yet.",
    category: .linkStatus,
    causes: [
      Cause(
        """
        The creation was interrupted: the second half was never created on the remote \
        application, or its administrator did not finish the steps.
        """,
        actions: [
          """
          Open the link on this side and continue its set-up; then open the remote \
          application's links screen and check that a link back exists and shows the same \
          status.
          """
        ]
      ),
      Cause(
        """
        The OAuth details entered on one side (client id, secret, redirect URL) do not match \
        those of the other side, or were refused.
        """,
        actions: [
          """
          Copy the OAuth details again from the side that generated them, submit them, and \
          check the link's status on both sides.
          """
        ]
      ),
    ],
    messages: [
      LogMessage(
        .code, literal: #"SETTING UP"#,
        pattern: #"(?:^|[^A-Za-z])SETTING UP(?![A-Za-z])"#,
        priority: 40),
      LogMessage(
        .wording, literal: "isn’t complete yet",
        pattern: "configuration for the application link isn’t complete yet", priority: 40),
      LogMessage(
        .wording, literal: "isn't complete yet",
        pattern: "configuration for the application link isn't complete yet", priority: 40),
      LogMessage(
        .wording, literal: "application link are incomplete or incorrect",
        pattern: "settings for the application link are incomplete or incorrect", priority: 40),
      LogMessage(
        .wording, literal: "Only one-way communication is established",
        pattern: "Only one-way communication is established", priority: 40),
      LogMessage(
        .wording, literal: "requires resubmission of the OAuth configuration details",
        pattern: "requires resubmission of the OAuth configuration details", priority: 40),
      // The status names of the newer links screen; in capitals they are not ordinary words.
      LogMessage(
        .code, literal: "PARTIALLY CONFIGURED",
        pattern: "(?:^|[^A-Za-z])PARTIALLY CONFIGURED(?![A-Za-z])", priority: 40),
      LogMessage(
        .code, literal: "PARTIALLY CONNECTED",
        pattern: "(?:^|[^A-Za-z])PARTIALLY CONNECTED(?![A-Za-z])", priority: 40),
      LogMessage(
        .code, literal: "RESUBMISSION REQUIRED",
        pattern: "(?:^|[^A-Za-z])RESUBMISSION REQUIRED(?![A-Za-z])", priority: 40),
    ],
    seeAlso: [
      .problem("no_remote_applink"),
      .problem("consumer_key_unknown"),
      .problem("oauth_mismatch"),
      .problem("applink_corrupted"),
    ],
    examples: [
      "The configuration for the application link isn’t complete yet.",
      "Some configuration settings for the application link are incomplete or incorrect.",
      "Only one-way communication is established.",
      "The application link requires resubmission of the OAuth configuration details to proceed with the creation.",
    ]
  )
}
