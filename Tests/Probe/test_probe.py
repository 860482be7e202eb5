"""`lookup probe` against real servers on loopback: nginx (from Debian) as the reverse proxy,
terminating TLS with certificates made here by openssl (and faketime for the expired one), in
front of fixture application servers written below that answer the endpoints of the
application-links facts per scenario. Every address used is 127.0.0.1: host names such as
jira.example.test reach it through the probe's --resolve, and *.invalid never resolves.

Run from the repository root after `swift build --product lookup`: python3 Tests/Probe/test_probe.py
(`make probe-tests` installs nginx, faketime and openssl first). The binary is $LOOKUP, or
.build/debug/lookup. The fixture bodies are in Tests/Probe/fixtures (assembled, not captured).
"""
import hashlib
import http.client
import http.server
import json
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from email.utils import formatdate

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
SCHEMA = os.path.join(kbtest.SITE, "probe.schema.json")
LOOPBACK = "127.0.0.1"
PASSWORD = "fixture-secret-do-not-print"


def fixture(file_name, **values):
    with open(os.path.join(FIXTURES, file_name), encoding="utf-8") as handle:
        text = handle.read()
    for key, value in values.items():
        text = text.replace("{%s}" % key, str(value))
    return text


def application_id(url):
    """Java's UUID.nameUUIDFromBytes of the URL: an MD5, version 3 UUID."""
    digest = bytearray(hashlib.md5(url.rstrip("/").encode()).digest())
    digest[6] = (digest[6] & 0x0F) | 0x30
    digest[8] = (digest[8] & 0x3F) | 0x80
    text = digest.hex()
    return "-".join([text[:8], text[8:12], text[12:16], text[16:20], text[20:]])


def held_port(listening=True):
    """A loopback socket on a port the OS picked (bound to port 0), kept open so that no other
    process can take the port. A listening one is handed to nginx (see Nginx); one that is only
    bound refuses every connection."""
    sock = socket.socket()
    sock.bind((LOOPBACK, 0))
    if listening:
        sock.listen(511)
    return sock


# ---------------------------------------------------------------------------------------------
# The fixture application server

class App:
    """One application as its endpoints show it."""

    def __init__(self, name, type_id="jira", version="9.12.2", applinks="9.1.3", url=None,
                 mode="normal", links=(), oauth="2lo", clock_offset=0, status_type=None):
        self.name = name
        self.type_id = type_id
        self.version = version
        self.applinks = applinks
        self.url = url
        self.mode = mode
        self.links = list(links)  # the App objects this one has a link to
        self.oauth = oauth
        self.clock_offset = clock_offset
        self.status_type = status_type
        self.port = None

    def base_url(self, host_header):
        # Tomcat without proxyName and scheme builds its URL from the Host header, over http.
        if self.mode == "from-host":
            return "http://%s" % host_header
        return self.url

    @property
    def id(self):
        return application_id(self.url)


def oauth_levels(level):
    two_lo = level in ("2lo", "2loi")
    return {"enabled": level != "off", "2lo": two_lo, "2loi": level == "2loi"}


def json_bool(value):
    return "true" if value else "false"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    app = None  # set per server

    def log_message(self, *args):
        pass

    def date_time_string(self, timestamp=None):
        return formatdate(time.time() + self.app.clock_offset, usegmt=True)

    def send_body(self, status, body, content_type):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authorised(self):
        import base64
        expected = "Basic " + base64.b64encode(("admin:" + PASSWORD).encode()).decode()
        if self.headers.get("Authorization") == expected:
            return True
        self.send_body(401, '{"message":"Client must be authenticated"}', "application/json")
        return False

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        app = self.app
        path = self.path.split("?")[0]
        host = self.headers.get("Host", "")
        if path == "/rest/applinks/1.0/manifest":
            return self.manifest(app, host)
        if path == "/rest/applinks/3.0/capabilities":
            if tuple(map(int, app.applinks.split("."))) < (5, 0, 5):
                return self.send_body(404, "Not Found", "text/plain")
            return self.send_body(200, fixture("capabilities.json"), "application/json")
        if path.startswith("/rest/applinks/3.0/status/") and path.endswith("/oauth"):
            wanted = path.split("/")[-2]
            for other in app.links:
                if wanted in (other.id, application_id(other.url)):
                    level = oauth_levels(app.oauth)
                    body = fixture("oauth-status.json",
                                   in_enabled=json_bool(level["enabled"]), in_2lo=json_bool(level["2lo"]),
                                   in_2loi=json_bool(level["2loi"]), out_enabled=json_bool(level["enabled"]),
                                   out_2lo=json_bool(level["2lo"]), out_2loi=json_bool(level["2loi"]))
                    return self.send_body(200, body, "application/json")
            return self.send_body(404, '{"status":404}', "application/json")
        if path == "/plugins/servlet/oauth/consumer-info":
            body = fixture("consumer-info.xml", consumer_key="%s:1234567" % app.name.lower(),
                           name=app.name, url=app.base_url(host))
            return self.send_body(200, body, "application/xml;charset=UTF-8")
        if path == "/rest/applinks/3.0/applinks":
            if not self.authorised():
                return None
            items = [json.loads(fixture("applinks.json", link_id=other.id, link_name=other.name,
                                        link_url=other.url, link_type=other.type_id))[0] for other in app.links]
            return self.send_body(200, json.dumps(items), "application/json")
        if path.startswith("/rest/applinks/3.0/status/"):
            if not self.authorised():
                return None
            wanted = path.split("/")[-1]
            for other in app.links:
                if wanted == other.id:
                    if app.status_type is None:
                        body = {"link": {"id": other.id, "name": other.name, "displayUrl": other.url,
                                         "rpcUrl": other.url, "type": other.type_id},
                                "working": True, "error": None}
                        return self.send_body(200, json.dumps(body), "application/json")
                    category, kind = app.status_type
                    body = fixture("status.json", link_id=other.id, link_name=other.name,
                                   link_url=other.url, link_type=other.type_id, category=category, type=kind)
                    return self.send_body(200, body, "application/json")
            return self.send_body(404, "{}", "application/json")
        return self.send_body(404, "Not Found", "text/plain")

    def manifest(self, app, host):
        if app.mode == "login":
            return self.send_body(200, fixture("login.html"), "text/html;charset=UTF-8")
        if app.mode == "not-xml":
            return self.send_body(200, "Service temporarily unavailable, try again later", "text/plain")
        if app.mode == "bomb":
            return self.send_body(200, fixture("bomb.xml"), "application/xml")
        if app.mode == "huge":
            # Up to 2 GiB, until the probe hangs up.
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(2 << 30))
            self.end_headers()
            chunk = b"<manifest>" + b"x" * 65526
            try:
                for _ in range((2 << 30) // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        if app.mode == "trickle":
            # One byte every 0.2 s, forever unless the probe hangs up.
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                for _ in range(1000000):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        body = fixture("manifest.xml", id=app.id, name=app.name, type=app.type_id, version=app.version,
                       build=app.version.replace(".", "")[:6], applinks=app.applinks, url=app.base_url(host))
        return self.send_body(200, body, "application/xml")


class ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(app):
    handler = type("Handler_" + app.name.replace(" ", "_"), (Handler,), {"app": app})
    server = ThreadingServer((LOOPBACK, 0), handler)
    app.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class SilentServer:
    """Accepts connections and never answers: the slow upstream."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind((LOOPBACK, 0))
        self.socket.listen(64)
        self.port = self.socket.getsockname()[1]
        self.held = []
        threading.Thread(target=self.hold, daemon=True).start()

    def hold(self):
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        self.socket.close()
        for connection in self.held:
            connection.close()


# ---------------------------------------------------------------------------------------------
# Certificates

def openssl(*args, cwd, fake_time=None):
    command = ["openssl", *args]
    if fake_time:
        command = ["faketime", fake_time] + command
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, timeout=kbtest.HANG_SECONDS)


def make_certificates(folder):
    """A test CA with an intermediate; leaves for jira and confluence; a self-signed one; one for
    another host; an expired one; and a chain of 100 certificates."""
    def key(name):
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".key", cwd=folder)

    def extensions(name, text):
        with open(os.path.join(folder, name + ".ext"), "w") as handle:
            handle.write(text)

    ca_ext = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n" \
             "subjectKeyIdentifier=hash\n"
    extensions("ca", ca_ext)
    key("root")
    openssl("req", "-x509", "-new", "-key", "root.key", "-subj", "/CN=AppLinksKB Test Root CA",
            "-days", "3650", "-out", "root.pem", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    key("inter")
    openssl("req", "-new", "-key", "inter.key", "-subj", "/CN=AppLinksKB Test Intermediate CA",
            "-out", "inter.csr", cwd=folder)
    openssl("x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key",
            "-CAcreateserial", "-days", "3650", "-extfile", "ca.ext", "-out", "inter.pem", cwd=folder)

    def leaf(name, host, fake_time=None, days="825"):
        key(name)
        extensions(name, "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                         "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:%s\n" % host)
        openssl("req", "-new", "-key", name + ".key", "-subj", "/CN=" + host, "-out", name + ".csr", cwd=folder)
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "inter.pem", "-CAkey", "inter.key",
                "-CAcreateserial", "-days", days, "-extfile", name + ".ext", "-out", name + ".pem",
                cwd=folder, fake_time=fake_time)
        with open(os.path.join(folder, name + "-chain.pem"), "w") as chain:
            for part in (name + ".pem", "inter.pem"):
                with open(os.path.join(folder, part)) as handle:
                    chain.write(handle.read())

    leaf("jira", "jira.example.test")
    leaf("confluence", "confluence.example.test")
    leaf("other", "other.example.test")
    leaf("expired", "jira.example.test", fake_time="2020-01-01 00:00:00", days="30")
    key("self")
    openssl("req", "-x509", "-new", "-key", "self.key", "-subj", "/CN=jira.example.test", "-days", "365",
            "-addext", "subjectAltName=DNS:jira.example.test", "-out", "self.pem", cwd=folder)

    # A chain of 100: each certificate signed by the one before it, with one key for speed.
    key("long")
    openssl("req", "-x509", "-new", "-key", "long.key", "-subj", "/CN=long 0", "-days", "365",
            "-addext", "basicConstraints=critical,CA:TRUE", "-out", "long0.pem", cwd=folder)
    for index in range(1, 100):
        openssl("req", "-new", "-key", "long.key", "-subj", "/CN=long %d" % index, "-out", "long.csr", cwd=folder)
        extra = "ca.ext" if index < 99 else "jira.ext"
        openssl("x509", "-req", "-in", "long.csr", "-CA", "long%d.pem" % (index - 1), "-CAkey", "long.key",
                "-set_serial", str(index + 1000), "-days", "365", "-extfile", extra,
                "-out", "long%d.pem" % index, cwd=folder)
    with open(os.path.join(folder, "long-chain.pem"), "w") as chain:
        for index in range(99, -1, -1):
            with open(os.path.join(folder, "long%d.pem" % index)) as handle:
                chain.write(handle.read())

    # The root as a JDK keeps it: a JKS cacerts with the password changeit, when keytool is here.
    if shutil.which("keytool"):
        subprocess.run(["keytool", "-importcert", "-noprompt", "-alias", "testroot", "-file", "root.pem",
                        "-keystore", "cacerts.jks", "-storetype", "JKS", "-storepass", "changeit"],
                       cwd=folder, check=True, capture_output=True, timeout=kbtest.HANG_SECONDS)


# ---------------------------------------------------------------------------------------------
# nginx

SERVER = """
    server {{
        listen {address}:{port}{ssl};
        server_name {name};
{tls}
{body}
    }}
"""


def tls_lines(certificate, key, protocols="TLSv1.2 TLSv1.3", ciphers=None):
    lines = ["        ssl_certificate %s;" % certificate, "        ssl_certificate_key %s;" % key,
             "        ssl_protocols %s;" % protocols]
    if ciphers:
        lines.append("        ssl_ciphers %s;" % ciphers)
    return "\n".join(lines)


def proxy(upstream_port, host=True, date=False, read_timeout="120s"):
    lines = ["        location / {", "            proxy_pass http://%s:%d;" % (LOOPBACK, upstream_port),
             "            proxy_read_timeout %s;" % read_timeout]
    if host:
        lines.append("            proxy_set_header Host $http_host;")
    if date:
        lines.append("            proxy_pass_header Date;")
    lines.append("        }")
    return "\n".join(lines)


class Nginx:
    """nginx in front of the fixture servers. It listens on sockets made here and handed over
    (the NGINX variable names inherited descriptors, as for its binary upgrade): a port chosen
    and then closed for nginx to bind could be taken by another process in between."""

    def __init__(self, folder, servers, sockets):
        self.folder = folder
        config = os.path.join(folder, "nginx.conf")
        temp = os.path.join(folder, "nginx-temp")
        os.makedirs(temp, exist_ok=True)
        with open(config, "w") as handle:
            handle.write("""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
daemon off;
events {{ worker_connections 256; }}
http {{
    access_log off;
    proxy_buffering off;
    client_body_temp_path {temp};
    proxy_temp_path {temp};
    fastcgi_temp_path {temp};
    uwsgi_temp_path {temp};
    scgi_temp_path {temp};
{servers}
}}
""".format(folder=folder, temp=temp, servers="".join(servers)))
        descriptors = [sock.fileno() for sock in sockets]
        environment = dict(os.environ, NGINX="".join("%d;" % fd for fd in descriptors))
        self.process = subprocess.Popen(["nginx", "-e", os.path.join(folder, "nginx-error.log"),
                                         "-p", folder, "-c", config],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        env=environment, pass_fds=descriptors)

    def wait_until_serving(self, port):
        """Waits until nginx answers a request on `port` (a plain http server of its own). The
        sockets listen from the start, so a connection made earlier would only wait."""
        def answered():
            if self.process.poll() is not None:
                with open(os.path.join(self.folder, "nginx-error.log"), errors="replace") as log:
                    raise AssertionError("nginx stopped: %s%s" % (
                        self.process.stderr.read().decode(errors="replace"), log.read()[-2000:]))
            connection = http.client.HTTPConnection(LOOPBACK, port, timeout=kbtest.HANG_SECONDS)
            try:
                connection.request("GET", "/")
                return connection.getresponse().status == 301
            finally:
                connection.close()
        kbtest.wait_for(answered, "nginx to answer on port %d" % port)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ---------------------------------------------------------------------------------------------
# The world the scenarios run in

class World:
    """Every server of every scenario, started once."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="probe-test-")
        make_certificates(self.folder)
        held = {name: held_port() for name in [
            "jira", "confluence", "lonely", "impersonating", "threelo", "old", "older", "generic",
            "ahead", "nohost", "httpbehind", "redirect", "badgateway", "login", "slow", "selfsigned",
            "wronghost", "nointermediate", "expired", "tls10", "notxml", "bomb", "huge", "trickle",
            "longchain"]}
        # Bound and never listening, for as long as the tests run: a connection is refused.
        self.closed = held_port(listening=False)
        port = {name: sock.getsockname()[1] for name, sock in held.items()}
        port["closed"] = self.closed.getsockname()[1]
        self.port = port

        def url(name, host="jira.example.test", scheme="https"):
            return "%s://%s:%d" % (scheme, host, port[name])

        self.jira = App("Jira", url=url("jira"))
        self.confluence = App("Confluence", type_id="confluence", version="8.5.4", applinks="9.1.3",
                              url=url("confluence", "confluence.example.test"))
        self.lonely = App("Lonely Confluence", type_id="confluence",
                          url=url("lonely", "confluence.example.test"))
        self.impersonating = App("Impersonating Confluence", type_id="confluence",
                                 url=url("impersonating", "confluence.example.test"), oauth="2loi")
        self.threelo = App("Three-legged Confluence", type_id="confluence",
                           url=url("threelo", "confluence.example.test"), oauth="3lo")
        self.old = App("Old Jira", version="6.3.15", applinks="4.0.12", url=url("old"))
        self.older = App("Jira 7", version="7.0.11", applinks="5.0.4", url=url("older"))
        self.generic = App("Generic", type_id="generic", url=url("generic"))
        self.ahead = App("Jira ahead", url=url("ahead"), clock_offset=3600)
        self.nohost = App("Jira behind a proxy", url=url("nohost"), mode="from-host")
        self.httpbehind = App("Jira http behind https", url=url("httpbehind"), mode="from-host")
        self.login = App("Jira behind SSO", url=url("login"), mode="login")
        self.notxml = App("Not XML", url=url("notxml"), mode="not-xml")
        self.bomb = App("Bomb", url=url("bomb"), mode="bomb")
        self.huge = App("Huge", url=url("huge"), mode="huge")
        self.trickle = App("Trickle", url=url("trickle"), mode="trickle")
        # Links: Jira knows every Confluence; only the proper ones know Jira back.
        self.jira.links = [self.confluence, self.lonely, self.impersonating, self.threelo, self.ahead]
        self.confluence.links = [self.jira]
        self.ahead.links = [self.jira]
        self.impersonating.links = [self.jira]
        self.threelo.links = [self.jira]
        self.jira.status_type = ("CONFIG_ERROR", "NO_REMOTE_APPLINK")

        apps = [self.jira, self.confluence, self.lonely, self.impersonating, self.threelo, self.old,
                self.older, self.generic, self.ahead, self.nohost, self.httpbehind, self.login,
                self.notxml, self.bomb, self.huge, self.trickle]
        self.servers = [serve(app) for app in apps]
        self.silent = SilentServer()

        def cert(name):
            return os.path.join(self.folder, name)

        good_tls = tls_lines(cert("jira-chain.pem"), cert("jira.key"))

        def server(name, upstream, server_name="jira.example.test", tls=good_tls, **options):
            return SERVER.format(address=LOOPBACK, port=port[name], ssl=" ssl" if tls else "", name=server_name,
                                 tls=tls or "", body=proxy(upstream, **options))

        confluence_tls = tls_lines(cert("confluence-chain.pem"), cert("confluence.key"))
        servers = [
            server("jira", self.jira.port),
            server("confluence", self.confluence.port, "confluence.example.test", confluence_tls),
            server("lonely", self.lonely.port, "confluence.example.test", confluence_tls),
            server("impersonating", self.impersonating.port, "confluence.example.test", confluence_tls),
            server("threelo", self.threelo.port, "confluence.example.test", confluence_tls),
            server("old", self.old.port), server("older", self.older.port),
            server("generic", self.generic.port),
            server("ahead", self.ahead.port, date=True),
            server("nohost", self.nohost.port, host=False),
            server("httpbehind", self.httpbehind.port),
            server("login", self.login.port),
            server("notxml", self.notxml.port), server("bomb", self.bomb.port),
            server("huge", self.huge.port), server("trickle", self.trickle.port, tls=None),
            # Plain http: with the short --timeout of their tests, only the answer can be late,
            # never a TLS handshake that a loaded machine slows down.
            server("slow", self.silent.port, tls=None),
            # The upstream of this one is a closed port: nginx answers with its 502 page.
            server("badgateway", port["closed"]),
            SERVER.format(address=LOOPBACK, port=port["redirect"], ssl="", name="jira.example.test", tls="",
                          body="        return 301 https://jira.example.test:%d$request_uri;" % port["jira"]),
            server("selfsigned", self.jira.port, tls=tls_lines(cert("self.pem"), cert("self.key"))),
            server("wronghost", self.jira.port, tls=tls_lines(cert("other-chain.pem"), cert("other.key"))),
            server("nointermediate", self.jira.port, tls=tls_lines(cert("jira.pem"), cert("jira.key"))),
            server("expired", self.jira.port, tls=tls_lines(cert("expired-chain.pem"), cert("expired.key"))),
            server("tls10", self.jira.port,
                   tls=tls_lines(cert("jira-chain.pem"), cert("jira.key"), "TLSv1", "DEFAULT:@SECLEVEL=0")),
            server("longchain", self.jira.port, tls=tls_lines(cert("long-chain.pem"), cert("long.key"))),
        ]
        self.nginx = Nginx(self.folder, servers, list(held.values()))
        for sock in held.values():
            sock.close()  # nginx has its own descriptors
        self.nginx.wait_until_serving(port["redirect"])

    def stop(self):
        self.nginx.stop()
        for server in self.servers:
            server.shutdown()
            server.server_close()
        self.silent.close()
        self.closed.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def resolve_args(self):
        args = []
        for host in ("jira.example.test", "confluence.example.test", "other.example.test"):
            args += ["--resolve", "%s:443:%s" % (host, LOOPBACK)]
        return args


WORLD = None


def setUpModule():
    global WORLD
    missing = [tool for tool in ("nginx", "faketime", "openssl") if not shutil.which(tool)]
    if missing:
        raise unittest.SkipTest("missing %s: run make probe-tests, which installs them" % ", ".join(missing))
    WORLD = World()


def tearDownModule():
    if WORLD:
        WORLD.stop()


#: lookup probe's --timeout where a test does not give its own: the most lookup allows, so that
#: it only ends a hang and a loaded machine cannot turn an answer into a timeout.
PROBE_TIMEOUT = ["--timeout", "120"]


def probe(*args, truststore="root.pem", env=None, timeout=kbtest.HANG_SECONDS):
    """Runs lookup probe; returns (status, stdout text, stderr text)."""
    command = [kbtest.lookup_binary(), "probe", *WORLD.resolve_args()]
    if "--timeout" not in args:
        command += PROBE_TIMEOUT
    if truststore:
        command += ["--truststore", os.path.join(WORLD.folder, truststore)]
    environment = {key: value for key, value in os.environ.items() if not key.startswith("LOOKUP_PROBE")}
    environment["NO_COLOR"] = "1"
    environment.update(env or {})
    result = subprocess.run(command + list(args), capture_output=True, timeout=timeout, env=environment)
    return result.returncode, result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")


def probe_json(*args, **options):
    status, out, err = probe("--json", *args, **options)
    document = json.loads(out)
    return status, document, err


def url(name, host="jira.example.test", scheme="https"):
    return "%s://%s:%d" % (scheme, host, WORLD.port[name])


def check(document, name, end=0):
    checks = document["ends"][end]["checks"] if end is not None else document["link"]
    found = [item for item in checks if item["check"] == name]
    assert found, "no check %s in %s" % (name, [item["check"] for item in checks])
    return found[0]


class Scenarios(unittest.TestCase):
    """Each scenario asserts the exact problems found and the evidence printed."""

    def assertProblems(self, document, expected):
        self.assertEqual([item["problem"] for item in document["problems"]], expected,
                         json.dumps(document, indent=1))
        self.assertEqual(document["exit_status"], 1 if expected else 0)

    def test_healthy_end(self):
        status, document, _ = probe_json(url("jira"))
        self.assertEqual(status, 0, document)
        self.assertProblems(document, [])
        self.assertIn("verified up to CN=AppLinksKB Test Root CA", check(document, "tls")["summary"])
        self.assertEqual(document["ends"][0]["manifest"]["url"], url("jira"))
        self.assertEqual(check(document, "capabilities")["summary"], "STATUS_API, MIGRATION_API")
        self.assertIn("consumer key jira:1234567", check(document, "consumer")["summary"])
        self.assertIn("the id is the UUIDv3 of this url", check(document, "base-url")["evidence"])

    def test_healthy_end_with_jks_truststore(self):
        if not os.path.exists(os.path.join(WORLD.folder, "cacerts.jks")):
            self.skipTest("no keytool to make a JKS truststore")
        status, document, _ = probe_json(url("jira"), truststore="cacerts.jks")
        self.assertEqual(status, 0, document)
        self.assertIn("(JKS, 1 trusted certificates)", " ".join(check(document, "tls")["evidence"]))

    def test_healthy_link(self):
        status, document, _ = probe_json(url("jira"), url("confluence", "confluence.example.test"))
        self.assertEqual(status, 0, document)
        self.assertProblems(document, [])
        self.assertEqual([item["status"] for item in document["link"]], ["passed"] * 4)
        self.assertIn("incoming OAuth (2LO), outgoing OAuth (2LO)",
                      " ".join(document["link"][0]["evidence"]))

    def test_text_output(self):
        status, out, _ = probe(url("jira"), url("lonely", "confluence.example.test"))
        self.assertEqual(status, 1)
        self.assertIn("  ok    tls", out)
        self.assertIn("  FAIL  link-back confluence.example.test → jira.example.test", out)
        self.assertIn("2 problems found: no_remote_applink, consumer_key_unknown", out)
        # The catalogue's explanation, as lookup prints it.
        self.assertIn("Remote application has no link back  [no_remote_applink, NO_REMOTE_APPLINK]", out)
        self.assertIn("Causes and what to do", out)
        self.assertIn("Help page: Site/problems/no_remote_applink.html", out)

    def test_no_link_back(self):
        status, document, _ = probe_json(url("jira"), url("lonely", "confluence.example.test"))
        self.assertEqual(status, 1)
        self.assertProblems(document, ["no_remote_applink", "consumer_key_unknown"])
        back = check(document, "link-back confluence.example.test → jira.example.test", end=None)
        self.assertEqual(back["status"], "failed")
        self.assertEqual(back["evidence"][0], "GET %s/rest/applinks/3.0/status/%s/oauth → 404"
                         % (url("lonely", "confluence.example.test"), WORLD.jira.id))
        self.assertIn("also the UUIDv3 of the URL", back["evidence"][-1])
        self.assertEqual(check(document, "link-back jira.example.test → confluence.example.test",
                               end=None)["status"], "passed")

    def test_oauth_mismatch(self):
        status, document, _ = probe_json(url("jira"), url("impersonating", "confluence.example.test"))
        self.assertEqual(status, 1)
        self.assertProblems(document, ["oauth_mismatch"])
        self.assertIn("outgoing OAuth (2LO) against confluence.example.test incoming OAuth with impersonation",
                      check(document, "oauth-levels", end=None)["summary"])

    def test_unsupported_oauth_level(self):
        status, document, _ = probe_json(url("jira"), url("threelo", "confluence.example.test"))
        self.assertProblems(document, ["unsupported_oauth_level"])

    def test_old_applinks(self):
        status, document, _ = probe_json(url("old"))
        self.assertProblems(document, ["remote_version_incompatible"])
        self.assertIn("4.0.12 is older than 4.0.13", check(document, "version")["summary"])

    def test_applinks_without_status_api(self):
        status, document, _ = probe_json(url("older"))
        self.assertEqual(status, 0, document)
        self.assertEqual(check(document, "version")["status"], "info")
        self.assertEqual(check(document, "capabilities")["summary"], "absent, as expected before 5.0.5")

    def test_generic_link(self):
        status, document, _ = probe_json(url("generic"))
        self.assertProblems(document, ["link_status_unavailable"])
        self.assertIn("typeId generic", check(document, "version")["summary"])

    def test_clock_ahead(self):
        status, document, _ = probe_json(url("ahead"))
        self.assertProblems(document, ["timestamp_refused"])
        clock = check(document, "clock")
        self.assertIn("the remote clock is ahead by 3600 s", clock["summary"])
        self.assertTrue(any(line.startswith("Server: nginx") for line in clock["evidence"]), clock)
        self.assertAlmostEqual(document["ends"][0]["clock_offset_seconds"], 3600, delta=60)

    def test_clock_difference_between_ends(self):
        status, document, _ = probe_json(url("jira"), url("ahead"))
        self.assertProblems(document, ["timestamp_refused"])
        self.assertEqual(check(document, "clock-difference", end=None)["status"], "failed")

    def test_host_not_passed_on(self):
        status, document, _ = probe_json(url("nohost"))
        self.assertProblems(document, ["base_url_mismatch", "signature_invalid"])
        summary = check(document, "base-url")["summary"]
        self.assertIn("believes its base URL is http://127.0.0.1:%d" % WORLD.nohost.port, summary)
        self.assertIn("scheme http, not https", summary)
        self.assertIn("host 127.0.0.1, not jira.example.test", summary)

    def test_http_behind_https(self):
        status, document, _ = probe_json(url("httpbehind"))
        self.assertProblems(document, ["base_url_mismatch", "signature_invalid"])
        summary = check(document, "base-url")["summary"]
        self.assertIn("believes its base URL is http://jira.example.test:%d: scheme http, not https;"
                      % WORLD.port["httpbehind"], summary)

    def test_wrong_port(self):
        status, document, _ = probe_json(url("closed"))
        self.assertProblems(document, ["connection_refused"])
        self.assertIn("refused the connection", check(document, "tcp")["summary"])

    def test_redirect(self):
        status, document, _ = probe_json(url("redirect", scheme="http"))
        self.assertProblems(document, ["manifest_not_found"])
        manifest = check(document, "manifest")
        self.assertIn("redirected to %s/rest/applinks/1.0/manifest" % url("jira"), manifest["summary"])
        self.assertIn("the base URL there is %s" % url("jira"), manifest["summary"])

    def test_proxy_error_page(self):
        status, document, _ = probe_json(url("badgateway"))
        self.assertProblems(document, ["unexpected_response"])
        self.assertIn('status 502 with an HTML page titled "502 Bad Gateway"', check(document, "manifest")["summary"])

    def test_login_page(self):
        status, document, _ = probe_json(url("login"))
        self.assertProblems(document, ["unexpected_response"])
        self.assertIn('an HTML page titled "Log in - Example SSO"', check(document, "manifest")["summary"])

    def test_slow_upstream(self):
        # The upstream never answers: the manifest times out however loaded the machine is,
        # and probe()'s deadline ends the run if --timeout does not.
        status, document, _ = probe_json("--timeout", "1", url("slow", scheme="http"))
        self.assertProblems(document, ["connection_timeout"])
        self.assertIn("within 1 s", check(document, "manifest")["summary"])

    def test_unknown_host(self):
        status, document, _ = probe_json("https://jira.example.invalid")
        self.assertProblems(document, ["unknown_host"])
        self.assertIn("RFC 6761", check(document, "dns")["evidence"][0])

    def test_self_signed(self):
        status, document, _ = probe_json(url("selfsigned"))
        self.assertProblems(document, ["ssl_untrusted"])
        self.assertIn("self-signed certificate", check(document, "tls")["summary"])

    def test_untrusted_root(self):
        status, document, _ = probe_json(url("jira"), truststore=None)
        self.assertProblems(document, ["ssl_untrusted"])
        tls = check(document, "tls")
        self.assertIn("untrusted root", tls["summary"])
        self.assertIn("verified against the system's roots", " ".join(tls["evidence"]))

    def test_wrong_host_name(self):
        status, document, _ = probe_json(url("wronghost"))
        self.assertProblems(document, ["ssl_hostname_unmatched"])
        self.assertIn("does not name jira.example.test; it names DNS:other.example.test",
                      check(document, "tls")["summary"])

    def test_missing_intermediate(self):
        status, document, _ = probe_json(url("nointermediate"))
        self.assertProblems(document, ["ssl_untrusted"])
        self.assertIn("missing intermediate", check(document, "tls")["summary"])
        self.assertIn("1 certificates served", check(document, "tls")["evidence"][0])

    def test_expired(self):
        status, document, _ = probe_json(url("expired"))
        self.assertProblems(document, ["ssl_certificate_expired"])
        self.assertIn("expired on 2020-01-31", check(document, "tls")["summary"])

    def test_tls_1_0_only(self):
        status, document, _ = probe_json(url("tls10"))
        self.assertProblems(document, ["tls_handshake_failed"])
        tls = check(document, "tls")
        self.assertIn("offers only TLS 1.0", tls["summary"])

    def test_long_chain(self):
        status, document, _ = probe_json(url("longchain"))
        self.assertProblems(document, ["ssl_untrusted"])
        tls = check(document, "tls")
        self.assertIn("a chain of 20 certificates or more was served", tls["summary"])
        self.assertIn("the chain was cut at 20 certificates", tls["evidence"])

    def test_not_xml(self):
        status, document, _ = probe_json(url("notxml"))
        self.assertProblems(document, ["unexpected_response"])
        self.assertEqual("the body is not a manifest: no <manifest> element", check(document, "manifest")["summary"])

    def test_xml_bomb(self):
        status, document, _ = probe_json(url("bomb"))
        self.assertProblems(document, ["unexpected_response"])
        self.assertIn("refused unread", check(document, "manifest")["summary"])

    def test_gigabytes(self):
        result = kbtest.run_measured(
            [kbtest.lookup_binary(), "probe", "--json", *PROBE_TIMEOUT, "--truststore",
             os.path.join(WORLD.folder, "root.pem"), *WORLD.resolve_args(), url("huge")])
        status, out, _, peak_kib = result
        document = json.loads(out)
        self.assertProblems(document, ["unexpected_response"])
        self.assertIn("larger than 1 MiB", check(document, "manifest")["summary"])
        self.assertLess(peak_kib, 512 * 1024, "memory stays bounded")

    def test_byte_by_byte(self):
        # A byte every 0.2 s for days: only a deadline over the whole body ends the fetch (or
        # else probe()'s deadline, and the test fails); the summary names the limit it used.
        status, document, _ = probe_json("--timeout", "2", url("trickle", scheme="http"))
        self.assertProblems(document, ["connection_timeout"])
        self.assertIn("within 2 s", check(document, "manifest")["summary"])


class Credentials(unittest.TestCase):
    def test_server_view(self):
        status, document, err = probe_json(
            "--user", "admin", url("jira"), url("lonely", "confluence.example.test"),
            env={"LOOKUP_PROBE_PASSWORD": PASSWORD})
        views = document["server_views"]
        self.assertEqual(len(views), 5)
        lonely = [view for view in views if view["display_url"] == url("lonely", "confluence.example.test")][0]
        self.assertEqual(lonely["error_type"], "NO_REMOTE_APPLINK")
        self.assertEqual(lonely["problem"], "no_remote_applink")
        self.assertEqual(lonely["probe_saw"], [])
        self.assertIn("differ", lonely["note"])
        self.assertNotIn(PASSWORD, json.dumps(document) + err)

    def test_text_never_prints_the_password(self):
        status, out, err = probe("--user", "admin", url("jira"), env={"LOOKUP_PROBE_PASSWORD": PASSWORD})
        self.assertIn("The servers' own status checks", out)
        self.assertIn("(as user admin)", out)
        self.assertNotIn(PASSWORD, out + err)

    def test_wrong_password(self):
        status, document, _ = probe_json("--user", "admin", url("jira"),
                                         env={"LOOKUP_PROBE_PASSWORD": "wrong"})
        self.assertIn("credentials were refused (401)", check(document, "server-view jira.example.test",
                                                               end=None)["summary"])

    def test_plain_http_to_another_host_is_refused(self):
        status, out, err = probe("--user", "admin", "http://jira.example.net",
                                 env={"LOOKUP_PROBE_PASSWORD": PASSWORD})
        self.assertEqual(status, 2)
        self.assertIn("credentials would be sent over plain HTTP", err)
        self.assertEqual(out, "")

    def test_no_password(self):
        status, out, err = probe("--user", "admin", url("jira"))
        self.assertEqual(status, 2)
        self.assertIn("LOOKUP_PROBE_PASSWORD", err)


class BadInput(unittest.TestCase):
    def expect_usage(self, *args, message, **options):
        status, out, err = probe(*args, **options)
        self.assertEqual(status, 2, out + err)
        self.assertIn(message, err)

    def test_not_http(self):
        self.expect_usage("ftp://jira.example.test", message="the scheme is ftp")

    def test_not_a_url(self):
        self.expect_usage("jira", message="not a URL")

    def test_three_urls(self):
        self.expect_usage("http://a.test", "http://b.test", "http://c.test", message="give one base URL")

    def test_truststore_not_a_keystore(self):
        path = os.path.join(WORLD.folder, "junk.bin")
        with open(path, "wb") as handle:
            handle.write(b"\x00junk" * 100)
        self.expect_usage(url("jira"), truststore="junk.bin", message="not a JKS or PKCS#12 keystore")

    def test_truststore_wrong_password(self):
        if not os.path.exists(os.path.join(WORLD.folder, "cacerts.jks")):
            self.skipTest("no keytool to make a JKS truststore")
        self.expect_usage(url("jira"), truststore="cacerts.jks", env={"LOOKUP_PROBE_TRUSTSTORE_PASSWORD": "nope"},
                          message="integrity digest does not match")

    def test_bad_resolve(self):
        self.expect_usage("--resolve", "nonsense", url("jira"), message="--resolve nonsense")

    def test_help(self):
        result = subprocess.run([kbtest.lookup_binary(), "probe", "--help"], capture_output=True,
                                timeout=kbtest.HANG_SECONDS)
        self.assertEqual(result.returncode, 0)
        self.assertIn(b"USAGE: lookup probe", result.stdout)

    def test_lookup_text_still_works(self):
        result = subprocess.run([kbtest.lookup_binary(), "probe timestamp_refused"], capture_output=True,
                                timeout=kbtest.HANG_SECONDS)
        self.assertIn(result.returncode, (0, 1))
        result = subprocess.run([kbtest.lookup_binary(), "timestamp_refused"], capture_output=True,
                                timeout=kbtest.HANG_SECONDS)
        self.assertEqual(result.returncode, 0)


class Schema(unittest.TestCase):
    def test_documents_validate(self):
        import jsonschema
        with open(SCHEMA, encoding="utf-8") as handle:
            schema = json.load(handle)
        documents = [
            probe_json(url("jira"))[1],
            probe_json(url("jira"), url("lonely", "confluence.example.test"))[1],
            probe_json("--user", "admin", url("jira"), url("impersonating", "confluence.example.test"),
                       env={"LOOKUP_PROBE_PASSWORD": PASSWORD})[1],
            probe_json("https://x.invalid")[1],
            probe_json(url("expired"))[1],
        ]
        for document in documents:
            jsonschema.validate(document, schema)


if __name__ == "__main__":
    kbtest.run_and_report()
