#!/usr/bin/env python3
"""Writes a realistic, seeded Atlassian log for the benchmarks, with known problem counts.

    python3 Benchmarks/generate_logs.py --size 104857600 --seed 1 --out Benchmarks/data/100MiB.log

The log mixes the layouts of Jira, Confluence, Bitbucket Server, Bamboo, Crowd and Fisheye
(blocks of a few MiB each, as if the products' logs were concatenated): ordinary INFO, WARN,
ERROR and DEBUG lines, Confluence's ` -- url:` continuation lines, and multi-line stack traces
(`\tat ...`, `Caused by: ...`, `... 42 more`) that mention OAuth and application-link classes
without being problems. About `--rate` (0.1 %) of all lines belong to each problem of the
catalogue. The problem lines come from the example lines of the catalogue
(`Site/rules-tests.json`) and from lines made for every shape the rules of `Site/rules.json`
know (every `oauth_problem` shape of every code, every message rule, every link-status type),
with timestamps, threads, addresses and hosts varied, and put into a product's layout where
they are bare.

Every problem line is classified with the rules of `rules.json` (a plain-Python port of the
matcher: literals, highest priority, first rule on a tie) before it is used, and every other
line is checked to contain no rule literal, so the expected counts are exact. They go to
`PATH.counts.json` (per problem and per rule, plus line and byte totals and the number of lines
containing `oauth_problem`, what `grep -c` reports) and are printed.

Standard library only. Fast enough for 1 GiB (pools of pre-formatted lines, timestamps formatted
once per second, writes in 8 MiB chunks); `--check` re-reads a small output and classifies every
line to prove the counts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------------------------
# Rules: a plain-Python port of RuleMatcher.match (problem only; fields are not needed here).


class Classifier:
    def __init__(self, rules_json: dict):
        self.rules = []
        for order, rule in enumerate(rules_json["rules"]):
            self.rules.append(
                (rule["priority"], order, rule["literals"], re.compile(rule["pattern"]), rule)
            )
        self.literals = sorted({lit for r in rules_json["rules"] for lit in r["literals"]})

    def classify(self, line: str):
        """The rule that explains `line` (highest priority, first in order on a tie), or None."""
        best = None
        for priority, _order, literals, regex, rule in self.rules:
            if best is not None and best["priority"] >= priority:
                continue
            if not all(lit in line for lit in literals):
                continue
            if regex.search(line):
                best = rule
        return best

    def literal_in(self, text: str):
        """The literals of a rule that `text` holds all of (so the prefilter would read it)."""
        if not any(lit in text for lit in self.literals):
            return None
        for _priority, _order, literals, _regex, _rule in self.rules:
            if all(lit in text for lit in literals):
                return " + ".join(literals)
        return None


# --------------------------------------------------------------------------------------------
# Vocabulary for ordinary lines. Nothing here may contain a rule literal (checked at start).

USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
         "mallory", "oscar", "peggy", "trent", "victor", "walter", "jira-bot", "svc-build"]
HOSTS = ["jira.example.com", "confluence.example.com", "bitbucket.example.com",
         "bamboo.example.com", "crowd.example.com", "fisheye.example.com",
         "jira.corp.example.net", "wiki.corp.example.net", "git.corp.example.net",
         "ci.eng.example.org"]
DOMAIN_SWAPS = ["example.com", "example.com", "corp.example.net", "eng.example.org"]
APP_NAMES = ["Jira", "Confluence", "Bitbucket", "Bamboo", "Fisheye", "Crowd", "JSM Portal"]
PROJECTS = ["ABC", "OPS", "WEB", "INFRA", "DOC", "SEC", "DATA", "MOB"]
SPACES = ["ENG", "HR", "OPS", "KB", "DEV", "TEAM"]
REPOS = ["platform", "web-frontend", "billing", "infra-terraform", "mobile-app", "docs"]
PLANS = ["PLAT-BUILD", "WEB-CI", "BILL-REL", "MOB-NIGHTLY", "INFRA-DEPLOY"]

FRAMES_OAUTH = [
    "com.atlassian.oauth.serviceprovider.internal.servlet.OAuthFilter.doFilter(OAuthFilter.java:140)",
    "com.atlassian.oauth.serviceprovider.internal.AuthenticatorImpl.authenticate(AuthenticatorImpl.java:118)",
    "com.atlassian.oauth.serviceprovider.internal.DelegatingTokenStoreImpl.get(DelegatingTokenStoreImpl.java:61)",
    "com.atlassian.oauth.serviceprovider.internal.TokenFactoryImpl.generateAccessToken(TokenFactoryImpl.java:78)",
    "com.atlassian.oauth.consumer.core.ConsumerServiceImpl.sign(ConsumerServiceImpl.java:152)",
    "com.atlassian.oauth.shared.servlet.Message.validate(Message.java:47)",
    "net.oauth.SimpleOAuthValidator.validateMessage(SimpleOAuthValidator.java:147)",
    "net.oauth.SimpleOAuthValidator.validateSignature(SimpleOAuthValidator.java:273)",
    "net.oauth.signature.OAuthSignatureMethod.validate(OAuthSignatureMethod.java:69)",
    "net.oauth.signature.RSA_SHA1.isValid(RSA_SHA1.java:241)",
    "net.oauth.client.OAuthClient.invoke(OAuthClient.java:316)",
    "com.atlassian.applinks.core.auth.oauth.OAuthApplinksResponseHandler.handle(OAuthApplinksResponseHandler.java:96)",
    "com.atlassian.applinks.core.auth.oauth.ThreeLeggedOAuthRequest.execute(ThreeLeggedOAuthRequest.java:81)",
    "com.atlassian.applinks.core.auth.oauth.ConsumerTokenStoreServiceImpl.getConsumerToken(ConsumerTokenStoreServiceImpl.java:77)",
    "com.atlassian.applinks.core.rest.ApplicationLinkResource.getApplicationLink(ApplicationLinkResource.java:214)",
    "com.atlassian.applinks.internal.status.DefaultApplinkStatusService.getApplinkStatus(DefaultApplinkStatusService.java:103)",
    "com.atlassian.applinks.core.DefaultApplicationLinkService.getApplicationLink(DefaultApplicationLinkService.java:266)",
    "com.atlassian.applinks.core.manifest.AppLinksManifestDownloader.download(AppLinksManifestDownloader.java:189)",
    "com.atlassian.sal.core.net.HttpClientRequest.execute(HttpClientRequest.java:205)",
    "com.atlassian.sal.core.net.HttpClientRequest.executeAndReturn(HttpClientRequest.java:114)",
]
FRAMES_WEB = [  # innermost first, as a trace prints them
    "sun.reflect.GeneratedMethodAccessor812.invoke(Unknown Source)",
    "java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)",
    "com.sun.jersey.server.impl.application.WebApplicationImpl._handleRequest(WebApplicationImpl.java:1542)",
    "com.atlassian.plugins.rest.common.interceptor.impl.DispatchProviderHelper$ResponseOutInvoker$1.intercept(DispatchProviderHelper.java:74)",
    "com.atlassian.plugin.servlet.filter.DelegatingPluginFilter.doFilter(DelegatingPluginFilter.java:70)",
    "org.springframework.web.filter.OncePerRequestFilter.doFilter(OncePerRequestFilter.java:117)",
    "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:193)",
    "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
    "org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:197)",
    "org.apache.catalina.core.StandardContextValve.invoke(StandardContextValve.java:97)",
    "org.apache.catalina.core.StandardHostValve.invoke(StandardHostValve.java:135)",
    "org.apache.catalina.connector.CoyoteAdapter.service(CoyoteAdapter.java:360)",
    "org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:399)",
    "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1789)",
    "java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1128)",
    "java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:628)",
    "java.base/java.lang.Thread.run(Thread.java:829)",
]
# Exceptions of ordinary stack traces: OAuth and link classes, but no problem.
TRACE_EXCEPTIONS = [
    "com.atlassian.oauth.serviceprovider.StoreException: Failed to load service provider token {hex8}",
    "com.atlassian.oauth.consumer.core.ConsumerCreationException: Could not read the consumer key pair from the database",  # noqa: E501
    "java.lang.IllegalStateException: OAuth consumer store is not initialised yet",
    "java.lang.IllegalArgumentException: Application link {uuid} has no OAuth configuration for the incoming direction",
    "com.atlassian.applinks.api.TypeNotInstalledException: Application link type com.atlassian.applinks.application.fecru.FishEyeCrucibleApplicationTypeImpl is not installed",  # noqa: E501
    "java.lang.NullPointerException: Cannot invoke \"com.atlassian.oauth.Consumer.getKey()\" because \"consumer\" is null",  # noqa: E501
    "com.atlassian.sal.api.net.ResponseException: Request to https://{host}/rest/applinks/1.0/manifest was cancelled",
    "org.springframework.dao.DataIntegrityViolationException: could not execute statement; constraint [oauthsptoken_pkey]",  # noqa: E501
    "java.util.ConcurrentModificationException",
    "com.atlassian.applinks.core.rest.exception.ApplinkRestException: Link {uuid} is being updated by another administrator",  # noqa: E501
    "com.atlassian.cache.CacheException: Unable to load oauth consumer tokens for user '{user}'",
    "javax.ws.rs.WebApplicationException: HTTP 404 Not Found",
]
TRACE_CAUSES = [
    "org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint \"oauthsptoken_pkey\"",
    "java.lang.IllegalStateException: Consumer token for user '{user}' was updated concurrently",
    "com.atlassian.oauth.serviceprovider.StoreException: Token {hex8} belongs to a consumer that no longer exists",
    "java.io.EOFException: Unexpected end of ZLIB input stream",
    "java.lang.ClassCastException: class com.atlassian.oauth.Token cannot be cast to class com.atlassian.oauth.Consumer",  # noqa: E501
]

LEVELS_NOISE = ["INFO"] * 70 + ["WARN"] * 14 + ["ERROR"] * 4 + ["DEBUG"] * 12

# Ordinary messages per product: (logger, level or None for any, message template).
COMMON_MESSAGES = [
    ("c.a.applinks.core.DefaultApplicationLinkService", None,
     "Application link {uuid} ({app}) to https://{host} is working"),
    ("c.a.applinks.core.auth.oauth.ConsumerTokenStoreServiceImpl", "DEBUG",
     "Stored OAuth consumer token for user '{user}' and application link {uuid}"),
    ("c.a.applinks.core.auth.oauth.ConsumerTokenStoreServiceImpl", "DEBUG",
     "Found OAuth consumer token for user '{user}' and application link {uuid}"),
    ("c.a.oauth.serviceprovider.internal.servlet.OAuthFilter", "DEBUG",
     "Authenticated OAuth request from consumer 'confluence:{n7}' for user '{user}'"),
    ("c.a.oauth.serviceprovider.internal.servlet.OAuthFilter", "DEBUG",
     "OAuth request for /rest/api/2/issue/{project}-{n3} signed with RSA-SHA1, nonce {hex8}"),
    ("c.a.applinks.core.auth.oauth.OAuthApplinksResponseHandler", "DEBUG",
     "OAuth response from https://{host} carries no problem parameter; status {status}"),
    ("c.a.applinks.core.manifest.AppLinksManifestDownloader", None,
     "Downloaded manifest of https://{host} in {ms} ms"),
    ("c.a.applinks.internal.status.DefaultApplinkStatusService", "DEBUG",
     "Status of application link {uuid} ({app}): working"),
    ("c.a.sal.core.net.HttpClientRequest", "DEBUG",
     "GET https://{host}/rest/applinks/3.0/status/{uuid} took {ms} ms"),
    ("c.a.plugin.manager.DefaultPluginManager", "INFO",
     "Plugin system earlyStartup ended in {ms} ms"),
    ("c.a.crowd.directory.DbCachingRemoteDirectory", None,
     "synchroniseCache INCREMENTAL synchronisation for directory [ {n5} ] complete in [ {ms}ms ]"),
    ("c.a.oauth.serviceprovider.internal.ExpiredSessionRemover", "INFO",
     "Removed {n2} expired OAuth service provider sessions"),
    ("c.a.applinks.core.auth.oauth.servlets.serviceprovider.AddServiceProviderManuallyServlet", None,
     "Updated OAuth service provider settings of application link {uuid} by {user}"),
    ("c.a.s.a.t.filter.TrustedApplicationsFilter", "DEBUG",
     "Request without trusted application headers, continuing with the next authenticator"),
]
PRODUCT_MESSAGES = {
    "jira": [
        ("c.a.jira.index.DefaultIndexManager", "INFO", "Reindexed issue {project}-{n4} in {ms} ms"),
        ("c.a.jira.issue.managers.DefaultIssueManager", "WARN",
         "Issue {project}-{n4} has no status; using the default"),
        ("c.a.jira.security.login.JiraSeraphAuthenticator", "INFO",
         "User '{user}' logged in from {ip}"),
        ("c.a.jira.plugin.webfragment.DefaultWebFragmentContext", "DEBUG",
         "Rendering panel for issue {project}-{n4}"),
        ("c.a.jira.mail.MailQueueImpl", "INFO", "Sent {n2} mails from the queue in {ms} ms"),
        ("c.a.jira.issue.fields.CustomFieldImpl", "WARN",
         "Custom field customfield_{n5} has an invalid configuration scheme"),
        ("c.a.j.p.webhooks.WebHookPublisher", "INFO",
         "Published webhook jira:issue_updated for {project}-{n4} to {n2} listeners"),
    ],
    "confluence": [
        ("confluence.search.v2.lucene.LuceneSearcher", "DEBUG", "Search for 'space:{space}' returned {n3} results in {ms} ms"),  # noqa: E501
        ("confluence.pages.persistence.dao.hibernate.HibernatePageDao", "WARN",
         "Page {n7} in space {space} has an outdated parent reference"),
        ("confluence.extra.jira.JiraIssuesMacro", "INFO",
         "Rendered Jira issues macro with {n2} issues from application link {uuid}"),
        ("confluence.impl.mail.DefaultMailService", "INFO", "Sent notification for page {n7} to {user}"),
        ("confluence.util.profiling.DefaultActivityMonitor", "WARN",
         "Request /display/{space}/Release+notes took {ms} ms"),
        ("confluence.cluster.hazelcast.HazelcastClusterManager", "INFO",
         "Cluster node heartbeat ok ({n2} members)"),
    ],
    "bitbucket": [
        ("c.a.b.i.scm.git.command.GitCommandExitHandler", "WARN",
         "{repo}: git upload-pack exited with code 128 after {ms} ms"),
        ("c.a.b.i.hook.repository.DefaultRepositoryHookService", "INFO",
         "Hook com.atlassian.bitbucket.server.bitbucket-bundled-hooks:force-push-hook ran on {repo} in {ms} ms"),
        ("c.a.b.i.pull.DefaultPullRequestService", "INFO",
         "Pull request #{n3} in {repo} was merged by {user}"),
        ("c.a.b.i.scm.git.GitScmRequestHandler", "DEBUG", "Serving fetch of {repo} for {user}"),
        ("c.a.b.i.throttle.DefaultThrottleService", "WARN",
         "A [scm-hosting] ticket could not be acquired within 0 seconds ({n2}/{n2} in use)"),
    ],
    "bamboo": [
        ("BuildQueueManagerImpl", "INFO", "Build {plan}-{n3} queued by {user}"),
        ("ChainExecutionManagerImpl", "INFO", "Chain {plan} completed build {n3} in {ms} ms"),
        ("AgentHeartBeatJob", "DEBUG", "Heartbeat received from agent {n6}"),
        ("JiraApplinksServiceImpl", "INFO",
         "Linked build {plan}-{n3} to Jira issue {project}-{n4} over application link {uuid}"),
        ("DefaultArtifactManager", "WARN", "Artifact 'dist' of {plan}-{n3} is larger than {n3} MB"),
    ],
    "crowd": [
        ("crowd.manager.validation.ClientValidationManagerImpl", "DEBUG",
         "Client address {ip} is allowed for application '{app_lower}'"),
        ("crowd.manager.login.ForgottenLoginManagerImpl", "INFO", "Sent password reset link to {user}"),
        ("crowd.manager.application.ApplicationServiceGeneric", "INFO",
         "Authenticated user '{user}' for application '{app_lower}'"),
        ("crowd.directory.ldap.cache.RemoteDirectoryCacheRefresher", "INFO",
         "found [ {n4} ] remote users in [ {ms} ms ]"),
    ],
    "fisheye": [
        ("RepositoryManager-scan", "INFO", "{repo}: scanned {n3} new changesets in {ms} ms"),
        ("DefaultIndexer-index", "DEBUG", "{repo}: indexed revision {hex8}"),
        ("ReviewManager-notify", "INFO", "Review CR-{n3} closed by {user}"),
        ("LinkedAppsStatus-check", "INFO", "Application link {uuid} ({app}) is working"),
    ],
}
PATHS = [
    "/rest/api/2/issue/{project}-{n4}", "/rest/api/2/search", "/browse/{project}-{n4}",
    "/rest/applinks/1.0/manifest", "/rest/applinks/3.0/status/{uuid}",
    "/plugins/servlet/applinks/oauth/login-dance/authorize", "/secure/Dashboard.jspa",
    "/rest/api/1.0/projects/{project}/repos/{repo}/pull-requests", "/display/{space}/Home",
    "/rest/gadget/1.0/login", "/plugins/servlet/streams",
]
PORTS = {"jira": 8080, "confluence": 8090, "bitbucket": 7990, "bamboo": 8085, "crowd": 8095}
PRODUCTS = ["jira", "confluence", "bitbucket", "bamboo", "crowd", "fisheye"]


class Vocabulary:
    """Random fillers, deterministic for a given random.Random."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def hexs(self, n):
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def uuid(self):
        return f"{self.hexs(8)}-{self.hexs(4)}-3{self.hexs(3)}-{self.hexs(4)}-{self.hexs(12)}"

    def ip(self):
        r = self.rng
        return r.choice([f"10.0.{r.randrange(0, 8)}.{r.randrange(2, 250)}",
                         f"172.16.{r.randrange(0, 32)}.{r.randrange(2, 250)}",
                         f"192.168.{r.randrange(0, 4)}.{r.randrange(2, 250)}"])

    def fill(self, template: str) -> str:
        r = self.rng
        app = r.choice(APP_NAMES)
        values = {
            "uuid": self.uuid(), "host": r.choice(HOSTS), "user": r.choice(USERS),
            "app": app, "app_lower": app.lower().replace(" ", "-"), "ip": self.ip(),
            "project": r.choice(PROJECTS), "space": r.choice(SPACES), "repo": r.choice(REPOS),
            "plan": r.choice(PLANS), "ms": str(int(r.expovariate(1 / 180)) + 1),
            "status": r.choice(["200", "200", "200", "204", "302"]),
            "hex8": self.hexs(8), "n2": str(r.randrange(2, 99)), "n3": str(r.randrange(100, 999)),
            "n4": str(r.randrange(1, 9999)), "n5": str(r.randrange(10000, 99999)),
            "n6": str(r.randrange(100000, 999999)), "n7": str(r.randrange(1000000, 9999999)),
        }
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)

    def path(self):
        return self.fill(self.rng.choice(PATHS))

    def thread(self, product):
        r = self.rng
        if product == "fisheye":
            return f"qtp{r.randrange(100000000, 1999999999)}-{r.randrange(10, 400)}"
        if product == "bamboo" and r.random() < 0.3:
            pool = r.choice(["atlassian-scheduler-quartz1.local_Worker", "ActiveMQ Session Task", "pool-12-thread"])
            return f"{pool}-{r.randrange(1, 20)}"
        if product == "jira" and r.random() < 0.15:
            return f"Caesium-1-{r.randrange(1, 5)}"
        return f"http-nio-{PORTS[product]}-exec-{r.randrange(1, 200)}"


def layout_prefix(voc: Vocabulary, product: str, level: str, logger: str, request: bool = True):
    """Everything of a line after its timestamp, up to the message."""
    r = voc.rng
    thread = voc.thread(product)
    user = r.choice(USERS + ["anonymous"] * 4)
    if product == "jira":
        if thread.startswith("Caesium"):
            return f"{thread} {level} ServiceRunner     [{logger}] "
        rid = f"{r.randrange(100, 1439)}x{r.randrange(1000, 99999)}x{r.randrange(1, 9)}"
        session = "-" if user == "anonymous" else "".join(
            r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(7))
        return f"{thread} {level} {user} {rid} {session} {voc.ip()} {voc.path()} [{logger}] "
    if product == "confluence":
        method = r.choice(["doFilter", "execute", "handle", "getStatus", "render", "run"])
        return f"{level} [{thread}] [{logger}] {method} "
    if product == "bitbucket":
        rid = (f"{r.choice(['1KIQBHM', '9ZX2LQ0', 'Q7P3MNA'])}x{r.randrange(100, 1439)}"
               f"x{r.randrange(1000, 999999)}x{r.randrange(0, 9)}")
        session = "-" if user == "anonymous" else "".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(5))
        verb = r.choice(["GET", "GET", "GET", "POST", "PUT"])
        user = "-" if user == "anonymous" else user
        return f"{level:<5} [{thread}] {user} @{rid} {session} {voc.ip()} \"{verb} {voc.path()} HTTP/1.1\" {logger} "
    if product == "bamboo":
        return f"{level} [{thread}] [{logger}] "
    if product == "crowd":
        return f"{thread} {level} [{logger}] "
    if product == "fisheye":
        return f"{level:<5} [{thread} ] fisheye {logger} - "
    raise ValueError(product)


def logger_for(product: str, full: str) -> str:
    """Loggers as each product abbreviates them (Bamboo and Fisheye keep the class name)."""
    if product in ("bamboo",):
        return full.split(".")[-1]
    if product == "fisheye":
        return full.split(".")[-1] + "-" + "doFilter"
    if product == "confluence":
        return full.replace("c.a.", "")
    if product == "crowd":
        return full.replace("c.a.", "").replace("com.atlassian.", "")
    return full


# --------------------------------------------------------------------------------------------
# Problem lines: examples from the site and lines made for every shape of every rule.

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} ")
JAVA_EXCEPTION = re.compile(r"^(?:[a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\b")

# One line per `oauth_problem` shape; CODE stands for the value. "bare" lines get a product
# layout, "trace" lines go into a stack trace, "ruby" lines come from a client-side tool.
CODE_SHAPE_LINES = {
    "form": [("bare", "oauth_problem=CODE"),
             ("bare", "OAuth request to https://HOST/rest/api/2/search failed with body oauth_problem=CODE&oauth_problem_advice=see%20the%20application%20link"),  # noqa: E501
             ("client", "{ statusCode: 401, data: 'oauth_problem=CODE' }")],
    "encoded": [("bare", "Redirecting to https://HOST/plugins/servlet/applinks/oauth/login-dance/finish?applicationLinkID=144880e9-a353-312f-9412-ed028e8166fa&error=oauth_problem%3DCODE%26oauth_problem_advice%3D")],
    "header": [("bare", 'WWW-Authenticate: OAuth realm="https%3A%2F%2FHOST", oauth_problem="CODE"')],
    "json": [("bare", '{"oauth_problem": "CODE"}')],
    "error-was": [("bare", 'Problem encountered authenticating OAuth client for url "https://HOST/rest/api/2/search", error was "CODE", with parameters "{oauth_consumer_key=confluence:8842917, oauth_signature_method=RSA-SHA1, oauth_timestamp=1709647331, oauth_nonce=6114397735231478, oauth_version=1.0}"')],  # noqa: E501
    "exception": [("trace", "net.oauth.OAuthProblemException: CODE")],
    "ruby": [("ruby", "CODE (OAuth::Problem)")],
    "ruby-message": [("bare", "OAuth::Problem (CODE)")],
    "bracketed": [("bare", "OAuth fetch fatal error: [CODE,Service provider rejected request]")],
}
STATUS_LINES = [("bare", "Application link status: TYPE"),
                ("bare", '{"link":{"id":"5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2","name":"Jira"},"working":false,"error":{"category":"NETWORK_ERROR","type":"TYPE"}}')]  # noqa: E501
# Message rules that no example shows yet (rule id: line).
MESSAGE_LINES = {
    "ssl_hostname_unmatched.message-4": "Caused by: java.security.cert.CertificateException: No subject alternative names present",  # noqa: E501
    "ssl_hostname_unmatched.message-5": "Caused by: java.security.cert.CertificateException: No name matching jira.example.com found",  # noqa: E501
    "ssl_hostname_unmatched.message-7": "javax.net.ssl.SSLException: Certificate for <jira.example.com> doesn't match common name of the certificate subject: *.example.org",  # noqa: E501
    "trusted_apps_bad_signature.message-3": "Refused trusted application request from confluence:8822431: Missing signature in a v2 request",  # noqa: E501
    "trusted_apps_certificate_too_old.message-3": "Refused trusted application request: Certificate too old. Application: confluence:8822431 Certificate Created: Tue Mar 05 14:01:02 UTC 2024 Timeout: 10000",  # noqa: E501
    "trusted_apps_bad_remote_ip.message-4": "Caused by: com.atlassian.security.auth.trustedapps.InvalidXForwardedForAddressException: Forwarded address 10.20.30.40 is not allowed",  # noqa: E501
    "unexpected_response.message-3": "Caused by: com.atlassian.sal.api.net.ResponseContentException: Failed to read the response of https://jira.example.com/rest/applinks/1.0/manifest",  # noqa: E501
}
# Lead-ins for bare fragments put into a product layout: (level, logger, text before the line).
LEAD_INS = [
    (re.compile(r"^WWW-Authenticate:"), "DEBUG", "c.a.applinks.core.auth.oauth.OAuthApplinksResponseHandler",
     "Full OAuth response header: "),
    (re.compile(r"^[Xx]-[Ss]eraph"), "DEBUG", "c.a.s.a.t.seraph.filter.TrustedApplicationsFilter",
     "Trusted application response header "),
    (re.compile(r"^\{"), "DEBUG", "c.a.applinks.internal.status.DefaultApplinkStatusService",
     "Response body: "),
    (re.compile(r"^oauth_problem"), "WARN", "c.a.applinks.core.auth.oauth.OAuthApplinksResponseHandler",
     "OAuth request rejected by peer, response: "),
    (re.compile(r"^[A-Z_]+$"), "DEBUG", "c.a.applinks.internal.status.DefaultApplinkStatusService",
     "visit application link 5c2b1d7e-93a4-3f0e-b1c2-7d8e9fa0b1c2 error type "),
    (re.compile(r"^Problem encountered"), "WARN", "c.a.oauth.serviceprovider.internal.servlet.OAuthFilter", ""),
    (re.compile(r""), "WARN", "c.a.applinks.core.DefaultApplicationLinkService", ""),
]


def site_examples(site: Path, problem_ids):
    """{problem id: [lines]}: the example lines of the catalogue and the one-line real lines of
    the corpus, from the test vectors (Site/rules-tests.json)."""
    vectors = json.loads((site / "rules-tests.json").read_text(encoding="utf-8"))
    examples = {pid: [] for pid in problem_ids}
    for case in vectors["cases"]:
        if case["kind"] in ("example", "real") and len(case["findings"]) == 1 and "\n" not in case["text"]:
            pid = case["findings"][0]["problem"]
            if pid in examples:
                examples[pid].append(case["text"])
    missing = [pid for pid, lines in examples.items() if not lines]
    if missing:
        sys.exit(f"generate_logs: {site}/rules-tests.json: no example lines for {', '.join(missing)}")
    return examples


def kind_of(line: str) -> str:
    if TIMESTAMP.match(line):
        return "full"
    if line.startswith("Caused by: ") or JAVA_EXCEPTION.match(line):
        return "trace"
    if line.endswith("(OAuth::Problem)"):
        return "ruby"
    if line.startswith("{ statusCode") or line.startswith("Received HTTP status code"):
        return "client"
    return "bare"


def product_of_full(line: str) -> list[str]:
    body = line[24:]
    if re.match(r"^\S+ (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) ", body):
        return ["crowd"] if re.match(r"^\S+ \S+ +\[", body) else ["jira"]
    if " fisheye " in body or " crucible " in body:
        return ["fisheye"]
    if re.match(r"^\S+ +\[[^\]]*\] \[", body):
        return ["confluence", "bamboo"]
    return ["bitbucket"]


def vary(voc: Vocabulary, line: str) -> str:
    """Changes what real logs change: threads, addresses, request ids, host domains."""
    r = voc.rng
    line = re.sub(r"exec-\d+", lambda m: f"exec-{r.randrange(1, 200)}", line)
    line = re.sub(r"\b10\.0\.0\.\d+\b", lambda m: f"10.0.{r.randrange(0, 8)}.{r.randrange(2, 250)}", line)
    line = re.sub(r"\b\d{3}x\d{3,5}x\d\b",
                  lambda m: f"{r.randrange(100, 1439)}x{r.randrange(1000, 99999)}x{r.randrange(1, 9)}", line)
    line = re.sub(r"@1KIQBHMx\d+x\d+x\d",
                  lambda m: f"@1KIQBHMx{r.randrange(100, 1439)}x{r.randrange(1000, 999999)}x{r.randrange(0, 9)}", line)
    domain = r.choice(DOMAIN_SWAPS)
    if domain != "example.com":
        line = line.replace(".example.com", "." + domain)
    return line


def stack_frames(voc: Vocabulary, oauth_first=True, low=4, high=14):
    r = voc.rng
    frames = []
    if oauth_first:
        frames += r.sample(FRAMES_OAUTH, r.randrange(2, 6))
    # Outer frames keep their order and end at the thread's run(), as in a real trace.
    start = len(FRAMES_WEB) - r.randrange(low, min(high, len(FRAMES_WEB)))
    frames += FRAMES_WEB[start:]
    lines = ["\tat " + f for f in frames]
    if r.random() < 0.4:
        lines.append(f"\t... {r.randrange(20, 140)} more")
    return lines


class ProblemPool:
    """Verified problem events per product: lists of (problem, rule, [lines], problem line index)."""

    def __init__(self, rules_json, classifier: Classifier, site: Path, voc: Vocabulary,
                 variants: int):
        self.classifier = classifier
        live = [p for p in rules_json["problems"] if not p.get("retired")]
        self.problems = [p["id"] for p in live]
        examples = site_examples(site, self.problems)
        rules_by_problem = {}
        for rule in rules_json["rules"]:
            rules_by_problem.setdefault(rule["problem"], []).append(rule)
        templates = {pid: [(kind_of(line), line) for line in examples[pid]] for pid in self.problems}
        for pid in self.problems:
            for rule in rules_by_problem.get(pid, []):
                shape = rule["shape"]
                if shape in CODE_SHAPE_LINES:
                    code = rule["literals"][0]
                    for kind, line in CODE_SHAPE_LINES[shape]:
                        templates[pid].append((kind, line.replace("CODE", code).replace("HOST", "jira.example.com")))
                elif shape == "status-type":
                    for kind, line in STATUS_LINES:
                        templates[pid].append((kind, line.replace("TYPE", rule["literals"][0])))
                elif shape == "status-json":
                    kind, line = STATUS_LINES[1]
                    templates[pid].append((kind, line.replace("TYPE", rule["literals"][0].strip('"'))))
                elif rule["id"] in MESSAGE_LINES:
                    line = MESSAGE_LINES[rule["id"]]
                    templates[pid].append((kind_of(line), line))
        self.events = {product: [] for product in PRODUCTS}  # product -> [(pid, rule, lines, index)]
        self.by_problem = {product: {} for product in PRODUCTS}
        covered = set()
        wrong = []
        for pid in self.problems:
            for kind, template in templates[pid]:
                if kind == "full":
                    products = product_of_full(template)
                else:
                    products = PRODUCTS
                for product in products:
                    for _ in range(variants):
                        # Drawn again while a line around the problem holds a rule literal by
                        # chance (a status code such as 401 inside a random number).
                        for _attempt in range(50):
                            lines, index = self.event(voc, product, kind, template)
                            if not any(k != index and classifier.literal_in(other) for k, other in enumerate(lines)):
                                break
                        line = lines[index]
                        rule = classifier.classify(line)
                        if rule is None or rule["problem"] != pid:
                            wrong.append((pid, line, rule and rule["id"]))
                            continue
                        for k, other in enumerate(lines):
                            if k != index and classifier.literal_in(other):
                                sys.exit(f"generate_logs: a line around a problem holds a rule literal: {other!r}")
                        covered.add(rule["id"])
                        self.events[product].append((pid, rule["id"], lines, index))
                        self.by_problem[product].setdefault(pid, []).append(len(self.events[product]) - 1)
        if wrong:
            # Left out, as rules no line shows are (below): the log stays exact without them.
            for pid, line, rid in wrong[:20]:
                print(f"generate_logs: note: a line for {pid} is explained as {rid}, so left out: {line}",
                      file=sys.stderr)
        live_rules = {r["id"] for r in rules_json["rules"] if r["problem"] in set(self.problems)}
        missing = sorted(live_rules - covered)
        if missing:
            # The log is still exact; it only lacks these rules' shapes.
            print("generate_logs: note: no one-line example shows %d rules (%s); add an example "
                  "to the catalogue or a line to MESSAGE_LINES" % (len(missing), ", ".join(missing[:8])
                  + (", ..." if len(missing) > 8 else "")), file=sys.stderr)
        for product in PRODUCTS:
            absent = [pid for pid in self.problems if pid not in self.by_problem[product]]
            if absent:
                sys.exit(f"generate_logs: no line for {absent} in {product}'s layout")
        self.rules = sorted(live_rules)

    def event(self, voc: Vocabulary, product: str, kind: str, template: str):
        """The lines of one problem event (timestamps left out: a leading '\\0' marks where one
        goes) and the index of the problem line."""
        r = voc.rng
        line = vary(voc, template)
        if kind == "full":
            return ["\0" + line[24:]], 0
        if kind == "trace":
            header_logger = logger_for(product, r.choice([
                "c.a.applinks.core.DefaultApplicationLinkService",
                "c.a.applinks.internal.status.DefaultApplinkStatusService",
                "c.a.applinks.core.manifest.AppLinksManifestDownloader",
                "c.a.oauth.serviceprovider.internal.servlet.OAuthFilter"]))
        if kind == "trace" and line.startswith("Caused by: "):
            head = "\0" + layout_prefix(voc, product, "ERROR", header_logger) + r.choice([
                "Unable to fetch the status of the application link",
                "Request to the linked application failed",
                "Error while talking to the remote application"])
            outer = voc.fill(r.choice([
                "com.atlassian.sal.api.net.ResponseException: Request to https://{host}/rest/applinks/3.0/status failed",  # noqa: E501
                "com.atlassian.applinks.internal.common.exception.RemoteApplinkException: Remote call to https://{host} failed"]))  # noqa: E501
            frames = stack_frames(voc, low=2, high=6)
            lines = [head, outer] + frames + [line] + stack_frames(voc, oauth_first=False, low=2, high=5)
            return lines, 2 + len(frames)
        if kind == "trace":
            head = "\0" + layout_prefix(voc, product, "ERROR", header_logger) + r.choice([
                "Unable to reach the application link", "OAuth request failed",
                "Failed to fetch the manifest"])
            lines = [head, line] + stack_frames(voc)
            return lines, 1
        if kind == "ruby":
            if r.random() < 0.5:
                return [line], 0
            return [f"/usr/lib/ruby/gems/3.1.0/gems/oauth-0.5.6/lib/oauth/consumer.rb:233:in `token_request': {line}"], 0  # noqa: E501
        if kind == "client":
            return [line], 0
        # bare: mostly in a product layout, sometimes as it is (catalina.out, a tool's output).
        if r.random() < 0.15:
            return [line], 0
        for pattern, level, logger, lead in LEAD_INS:
            if pattern.search(line):
                return ["\0" + layout_prefix(voc, product, level, logger_for(product, logger)) + lead + line], 0
        raise AssertionError


# --------------------------------------------------------------------------------------------
# Ordinary lines.


def noise_pool(voc: Vocabulary, product: str, size: int, classifier: Classifier):
    """Ordinary events of one product: lists of lines, '\\0' where a timestamp goes."""
    r = voc.rng
    messages = COMMON_MESSAGES + PRODUCT_MESSAGES[product] * 2
    events = []
    for _ in range(size):
        x = r.random()
        if x < 0.06:  # a stack trace without a problem
            level = r.choice(["ERROR", "ERROR", "WARN"])
            logger = logger_for(product, r.choice(["c.a.applinks.core.rest.ApplicationLinkResource",
                                                   "c.a.oauth.serviceprovider.internal.servlet.OAuthFilter",
                                                   "c.a.applinks.core.auth.oauth.ConsumerTokenStoreServiceImpl"]))
            head = "\0" + layout_prefix(voc, product, level, logger) + voc.fill(r.choice([
                "Unexpected error while processing the OAuth request",
                "Could not update the consumer token of user '{user}'",
                "Error rendering application link {uuid}",
                "Uncaught exception thrown by REST service"]))
            lines = [head, voc.fill(r.choice(TRACE_EXCEPTIONS))] + stack_frames(voc)
            if r.random() < 0.5:
                lines += ["Caused by: " + voc.fill(r.choice(TRACE_CAUSES))] + stack_frames(
                    voc, oauth_first=r.random() < 0.5, low=2, high=8)
            events.append(lines)
            continue
        logger, level, text = r.choice(messages)
        level = level or r.choice(LEVELS_NOISE)
        if level == "DEBUG" and r.random() < 0.5:
            level = "INFO"
        line = "\0" + layout_prefix(voc, product, level, logger_for(product, logger)) + voc.fill(text)
        lines = [line]
        if product == "confluence" and r.random() < 0.35:
            lines.append(voc.fill(f" -- url: {voc.path()} | traceId: {voc.hexs(16)} | userName: {{user}}"))
        events.append(lines)
    # An ordinary event with a line that holds a rule's literals (a status code inside a random
    # number, a word a rule reads) is left out, so that ordinary lines stay ordinary.
    kept = [lines for lines in events if not any(classifier.literal_in(line) for line in lines)]
    if not kept:
        sys.exit(f"generate_logs: every ordinary line of {product} holds a rule literal")
    return kept


# --------------------------------------------------------------------------------------------


class Clock:
    """Timestamps `YYYY-MM-DD HH:MM:SS,mmm`, formatted once per second."""

    def __init__(self, start: float):
        self.ms = int(start * 1000)
        self.second = -1
        self.prefix = ""
        self.millis = [f",{i:03d} " for i in range(1000)]

    def advance(self, ms: int) -> str:
        self.ms += ms
        second, milli = divmod(self.ms, 1000)
        if second != self.second:
            self.second = second
            self.prefix = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(second))
        return self.prefix + self.millis[milli]


def generate(args) -> dict:
    started = time.monotonic()
    rules_json = json.loads((args.site / "rules.json").read_text(encoding="utf-8"))
    classifier = Classifier(rules_json)
    rng = random.Random(args.seed)
    voc = Vocabulary(rng)
    pool = ProblemPool(rules_json, classifier, args.site, voc, variants=args.variants)
    noise = {product: noise_pool(voc, product, args.pool, classifier) for product in PRODUCTS}
    # Precompute for each pooled event: its lines, count and the lines holding "oauth_problem".
    def prepared(events):
        return [(lines, len(lines), sum("oauth_problem" in line for line in lines)) for lines in events]
    noise = {p: prepared(e) for p, e in noise.items()}

    problems = pool.problems
    # Share of lines that are problem lines: --share, or --rate for each problem.
    fraction = args.share if args.share is not None else args.rate * len(problems)
    counts = {pid: 0 for pid in problems}
    rule_counts = {rid: 0 for rid in pool.rules}
    product_lines = {p: 0 for p in PRODUCTS}
    clock = Clock(args.start)
    total_lines = 0
    problem_lines = 0
    grep_lines = 0
    written = 0
    block_left = 0
    product = PRODUCTS[0]
    product_index = -1
    out = open(args.out, "wb")
    chunk = []
    chunk_chars = 0
    random_ = rng.random
    randrange = rng.randrange
    choice = rng.choice
    ascii_only = True
    while written + chunk_chars < args.size:
        if block_left <= 0:
            product_index = (product_index + 1) % len(PRODUCTS)
            product = PRODUCTS[product_index]
            block_left = randrange(1 << 20, 4 << 20)
            events = noise[product]
            problem_events = pool.events[product]
            by_problem = pool.by_problem[product]
        if problem_lines + random_() * 4 < fraction * total_lines:
            pid = choice(problems)
            _, rid, lines, index = problem_events[choice(by_problem[pid])]
            counts[pid] += 1
            rule_counts[rid] += 1
            problem_lines += 1
            n = len(lines)
            g = sum("oauth_problem" in line for line in lines)
        else:
            lines, n, g = events[randrange(len(events))]
        for line in lines:
            if line[0] == "\0":
                line = clock.advance(randrange(0, 40)) + line[1:]
            chunk.append(line)
            chunk_chars += len(line) + 1
        total_lines += n
        grep_lines += g
        product_lines[product] += n
        block_left -= 0 if n == 0 else sum(len(line) for line in lines) + n
        if chunk_chars >= (8 << 20):
            data = ("\n".join(chunk) + "\n").encode("utf-8")
            ascii_only = ascii_only and len(data) == chunk_chars
            out.write(data)
            written += len(data)
            chunk = []
            chunk_chars = 0
    if chunk:
        data = ("\n".join(chunk) + "\n").encode("utf-8")
        out.write(data)
        written += len(data)
    out.close()
    elapsed = time.monotonic() - started
    result = {
        "generator": "Benchmarks/generate_logs.py",
        "generator_sha256": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        "rules_sha256": hashlib.sha256((args.site / "rules.json").read_bytes()).hexdigest(),
        "catalogue_version": rules_json.get("catalogue_version"),
        "seed": args.seed,
        "rate": args.rate,
        "share": fraction,
        "size_requested": args.size,
        "bytes": written,
        "lines": total_lines,
        "problem_lines": problem_lines,
        "oauth_problem_lines": grep_lines,
        "products": product_lines,
        "problems": counts,
        "rules": rule_counts,
        "seconds": round(elapsed, 2),
    }
    return result


def check(path: Path, expected: dict, site: Path):
    """Classifies every line of `path` again and compares with the expected counts."""
    classifier = Classifier(json.loads((site / "rules.json").read_text(encoding="utf-8")))
    counts = {}
    lines = 0
    grep_lines = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            lines += 1
            line = line.rstrip("\n")
            if "oauth_problem" in line:
                grep_lines += 1
            if classifier.literal_in(line):
                rule = classifier.classify(line)
                if rule:
                    counts[rule["problem"]] = counts.get(rule["problem"], 0) + 1
    want = {k: v for k, v in expected["problems"].items() if v}
    ok = counts == want and lines == expected["lines"] and grep_lines == expected["oauth_problem_lines"]
    if not ok:
        for pid in sorted(set(counts) | set(want)):
            if counts.get(pid, 0) != want.get(pid, 0):
                print(f"check: {pid}: expected {want.get(pid, 0)}, found {counts.get(pid, 0)}", file=sys.stderr)
        print(f"check: lines {lines} vs {expected['lines']}, "
              f"oauth_problem lines {grep_lines} vs {expected['oauth_problem_lines']}", file=sys.stderr)
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="bytes to write (at least)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--site", type=Path, default=ROOT / "Site",
                        help="the rendered site: rules.json and rules-tests.json")
    parser.add_argument("--rate", type=float, default=0.001,
                        help="share of all lines for each problem (0.001 = 0.1%%)")
    parser.add_argument("--share", type=float, default=None,
                        help="share of all lines that are problem lines, over all problems "
                        "(0.05 = 5%%, the dense log); overrides --rate")
    parser.add_argument("--pool", type=int, default=6000,
                        help="ordinary events made per product, then drawn at random")
    parser.add_argument("--variants", type=int, default=3,
                        help="varied copies of each problem line per product")
    parser.add_argument("--start", type=float, default=1709647200.0,
                        help="Unix time of the first line")
    parser.add_argument("--check", action="store_true",
                        help="re-read the output and classify every line (slow; small sizes)")
    args = parser.parse_args()
    result = generate(args)
    counts_path = Path(str(args.out) + ".counts.json")
    counts_path.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    width = max(len(p) for p in result["problems"])
    for pid, n in sorted(result["problems"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{pid:<{width}}  {n:>8}")
    print(f"{result['bytes']} bytes, {result['lines']} lines, {result['problem_lines']} problem lines, "
          f"{result['oauth_problem_lines']} lines with oauth_problem, "
          f"{sum(1 for v in result['rules'].values() if v)}/{len(result['rules'])} rules shown, "
          f"in {result['seconds']} s -> {args.out}, {counts_path}")
    if args.check:
        if not check(args.out, result, args.site):
            sys.exit("generate_logs: --check found different counts")
        print("check: every line classified again; counts agree")


if __name__ == "__main__":
    main()
