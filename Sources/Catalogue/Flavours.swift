import KnowledgeBase

extension OAuthFlavour {
  /// The ways an application link can authorise requests with OAuth.
  static let all: [OAuthFlavour] = [
    OAuthFlavour(
      id: "3lo",
      name: "3-legged OAuth",
      howItAuthorises: """
        Every user grants access by hand, once per linked application. Until they have, the \
        products show a link asking the user to authenticate with the other application; \
        after approving, the user holds an access token, and requests over the link run as \
        that user with that user's permissions on the remote side.
        """,
      whenToChoose: """
        This is the default flavour and the safe choice. Keep it when the two applications \
        do not share the same users, or when every user should decide for themselves whether \
        the link may act for them. Some integration features need 2-legged OAuth as well; the \
        link status reports `AUTH_LEVEL_UNSUPPORTED` when they are missing it.
        """
    ),
    OAuthFlavour(
      id: "2lo",
      name: "2-legged OAuth",
      howItAuthorises: """
        Requests are made without a user, so the remote application treats them as \
        anonymous. Where a request does need a particular user's authorisation, one of two \
        variants supplies it: 2-legged OAuth with "Execute As" or 2-legged OAuth with \
        impersonation.
        """,
      whenToChoose: """
        Enable it alongside 3-legged OAuth when integration features need data that does not \
        depend on who is asking, and when the link status reports `AUTH_LEVEL_UNSUPPORTED`. \
        Both ends of the link must be configured the same way.
        """
    ),
    OAuthFlavour(
      id: "2lo-execute-as",
      name: "2-legged OAuth with \"Execute As\"",
      howItAuthorises: """
        Every request that needs a user's authorisation runs on the remote application as one \
        configured user, whoever triggered it locally.
        """,
      whenToChoose: """
        Use it when a single account on the remote application should stand in for everyone. \
        Anyone using the link then sees what that account can see, so give the account no more \
        permissions than every local user may have.
        """
    ),
    OAuthFlavour(
      id: "2lo-impersonation",
      name: "2-legged OAuth with impersonation",
      howItAuthorises: """
        Users are authorised on the other application automatically, under the same \
        username, without an authorisation step of their own.
        """,
      whenToChoose: """
        Use it only when both applications share the same set of users, for example through \
        one user directory, and each fully trusts the other. Impersonation must be enabled at \
        both ends of the link; otherwise the link status reports `AUTH_LEVEL_MISMATCH`.
        """
    ),
  ]
}
