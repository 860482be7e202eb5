import KnowledgeBase

extension UnrelatedFailure {
  /// Failures of a product's own parts that share words with a link's ("Connection refused",
  /// "401", "PKIX"): lines that name one of these systems are not explained as a link's.
  static let all: [UnrelatedFailure] = [
    UnrelatedFailure(
      id: "database", system: "the product's own database or its connection pool",
      pattern:
        "postmaster is accepting TCP/IP connections|org\\.postgresql\\.|PSQLException|com\\.mysql\\.|Communications link failure|jdbc:[a-z]{2,12}:|HikariPool|SQLServerException|ORA-[0-9]{5}|Cannot create PoolableConnectionFactory|database server",
      examples: [
        "Connection refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
        "org.postgresql.util.PSQLException: Connection to localhost:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.",
        "Caused by: java.net.SocketException: Connection reset at org.postgresql.core.VisibleBufferedInputStream.read(VisibleBufferedInputStream.java:161)",
      ]),
    UnrelatedFailure(
      id: "mail-server", system: "the product's mail server (SMTP, IMAP or POP)",
      pattern:
        "javax\\.mail\\.|jakarta\\.mail\\.|com\\.sun\\.mail\\.|SMTP host|SMTP server|MailException|MessagingException|IMAP server|POP3",
      examples: [
        "javax.mail.MessagingException: Could not connect to SMTP host: mail.example.com, port: 587; nested exception is: javax.net.ssl.SSLHandshakeException: PKIX path building failed",
        "com.sun.mail.util.MailConnectException: Couldn't connect to host, port: imap.example.com, 993; timeout -1; nested exception is: java.net.ConnectException: Connection timed out",
      ]),
    UnrelatedFailure(
      id: "user-directory",
      system: "the product's user directory (LDAP, Active Directory or a Crowd server)",
      pattern:
        "javax\\.naming\\.|LDAP: error code|LdapException|com\\.atlassian\\.crowd\\.exception|com\\.atlassian\\.crowd\\.directory|embedded-crowd|user directory|[Dd]irectory synchroni[sz]ation",
      examples: [
        "javax.naming.CommunicationException: ldap.example.com:636 [Root exception is javax.net.ssl.SSLHandshakeException: PKIX path building failed]",
        "com.atlassian.crowd.exception.runtime.OperationFailedException: com.atlassian.crowd.exception.ApplicationPermissionException: Forbidden (403)",
      ]),
    UnrelatedFailure(
      id: "cluster", system: "the cluster's own traffic between nodes (cache replication)",
      pattern:
        "RMISynchronousCacheReplicator|java\\.rmi\\.|net\\.sf\\.ehcache|n\\.s\\.ehcache|[Hh]azelcast",
      examples: [
        "java.rmi.ConnectException: Connection refused to host: 10.0.0.12; nested exception is: java.net.ConnectException: Connection timed out"
      ]),
    UnrelatedFailure(
      id: "search-index", system: "the search cluster (Elasticsearch or OpenSearch)",
      pattern:
        "org\\.elasticsearch\\.|org\\.opensearch\\.|ElasticsearchException|internal\\.search\\.|[Ss]earch server|OpenSearch cluster|Elasticsearch cluster",
      examples: [
        "com.atlassian.bitbucket.internal.search.indexing.exceptions.IndexException: Connection refused to the search server at http://localhost:7992"
      ]),
    UnrelatedFailure(
      id: "marketplace", system: "Atlassian Marketplace and the plugin manager (UPM)",
      pattern:
        "marketplace\\.atlassian\\.com|[Uu]niversal [Pp]lugin [Mm]anager|com\\.atlassian\\.upm\\.|c\\.a\\.upm\\.",
      examples: [
        "2024-03-05 14:02:11,287 WARN [http-nio-8080-exec-1] [c.a.upm.pac.PacClientImpl] Error when querying marketplace.atlassian.com: java.net.UnknownHostException: marketplace.atlassian.com"
      ]),
    UnrelatedFailure(
      id: "ci-server", system: "a build server that a Bitbucket app calls (Jenkins)",
      pattern: "ciserver\\.Jenkins|Jenkins server",
      examples: [
        "c.k.s.p.ciserver.Jenkins Could not connect to https://ci.example.com, got HTTP status 401."
      ]),
  ]
}
