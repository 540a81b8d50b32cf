//! Harness for the end-to-end tests: serve the built site on 127.0.0.1, start
//! chromedriver, open headless Chromium through WebDriver, and read what the
//! page shows (including the browser's console log).
//!
//! `cargo xtask test` builds the site first and sets `SCALELAB_DIST`,
//! `CHROMEDRIVER` and `CHROME`.

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The built site: `SCALELAB_DIST`, or `dist/` at the workspace root.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("SCALELAB_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no built site at {} (run `cargo xtask test`, which builds it first, or `cargo xtask dist`)",
        dir.display()
    );
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// The built site, served from a thread on 127.0.0.1.
pub struct Site {
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// `http://127.0.0.1:<port>/`
    pub base: String,
}

impl Site {
    /// Serves `dir` until dropped.
    pub fn serve(dir: PathBuf) -> Site {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().map(|a| a.port()).expect("an IP address");
        let s = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in s.incoming_requests() {
                let path = request.url().split(['?', '#']).next().unwrap_or("/").trim_start_matches('/');
                let path = if path.is_empty() { "index.html" } else { path };
                let file = dir.join(path);
                let inside =
                    file.canonicalize().is_ok_and(|f| f.starts_with(dir.canonicalize().unwrap_or_default()));
                // As a static host does: the gzipped copy the build wrote
                // beside a file, when the browser takes gzip.
                let gzip = request
                    .headers()
                    .iter()
                    .any(|h| h.field.equiv("Accept-Encoding") && h.value.as_str().contains("gzip"));
                let packed = (gzip && inside).then(|| std::fs::read(file.with_added_extension("gz")).ok());
                let body = match packed.flatten() {
                    Some(bytes) => Ok((bytes, true)),
                    None => std::fs::read(&file).map(|bytes| (bytes, false)),
                };
                let response = match body {
                    Ok((bytes, packed)) if inside => {
                        let mut r = tiny_http::Response::from_data(bytes);
                        let mut headers = vec![("Content-Type", content_type(&file))];
                        if packed {
                            headers.push(("Content-Encoding", "gzip"));
                        }
                        for (field, value) in headers {
                            if let Ok(h) = tiny_http::Header::from_bytes(field, value) {
                                r.add_header(h);
                            }
                        }
                        r
                    }
                    _ => tiny_http::Response::from_string("not found").with_status_code(404),
                };
                let _ = request.respond(response);
            }
        });
        Site { server, thread: Some(thread), base: format!("http://127.0.0.1:{port}/") }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A running chromedriver.
pub struct Driver {
    child: Child,
    /// `http://127.0.0.1:<port>`
    pub url: String,
}

impl Driver {
    /// Starts `CHROMEDRIVER` (or /usr/bin/chromedriver) and waits until it listens.
    pub fn start() -> Driver {
        let program = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = free_port();
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program}: {e} (cargo xtask test installs it)"));
        // Listening is not ready: wait until /status says it takes sessions.
        let deadline = Instant::now() + Duration::from_secs(20);
        while !status_ready(port) {
            assert!(Instant::now() < deadline, "chromedriver on port {port} was not ready within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, url: format!("http://127.0.0.1:{port}") }
    }

    /// A new headless Chromium session with a window of `width` × `height`.
    pub async fn browser(&self, width: u32, height: u32) -> Client {
        self.browser_with(width, height, &[]).await
    }

    /// A session emulating a phone screen `width` CSS pixels wide (a desktop
    /// window cannot be made narrower than about 500 px).
    pub async fn phone(&self, width: u32, height: u32) -> Client {
        let metrics = json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0 } });
        self.session(800, 900, &[], Some(metrics)).await
    }

    /// [`Driver::browser`] with extra Chromium flags.
    pub async fn browser_with(&self, width: u32, height: u32, extra: &[&str]) -> Client {
        self.session(width, height, extra, None).await
    }

    async fn session(&self, width: u32, height: u32, extra: &[&str], mobile: Option<Value>) -> Client {
        let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let mut args: Vec<String> = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ]
        .into_iter()
        .chain(extra.iter().copied())
        .map(String::from)
        .collect();
        args.push(format!("--window-size={width},{height}"));
        let mut chrome_options = json!({ "binary": chrome, "args": args });
        if let Some(m) = mobile {
            chrome_options["mobileEmulation"] = m;
        }
        let caps = json!({
            "goog:chromeOptions": chrome_options,
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(caps) = caps else { unreachable!("a JSON object literal") };
        let caps: Capabilities = caps;
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&self.url)
            .await
            .expect("a WebDriver session")
    }
}

/// Whether chromedriver's `GET /status` answers `"ready": true`.
fn status_ready(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body.replace(' ', "").contains("\"ready\":true")
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Chromium's network emulation (not in the W3C standard): every request
/// waits `latency_ms` more, and all of them share `bytes_per_s` each way.
#[derive(Debug)]
struct NetworkConditions {
    latency_ms: u32,
    bytes_per_s: u32,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/chromium/network_conditions", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        let conditions = json!({ "network_conditions": {
            "offline": false,
            "latency": self.latency_ms,
            "download_throughput": self.bytes_per_s,
            "upload_throughput": self.bytes_per_s,
        }});
        (http::Method::POST, Some(conditions.to_string()))
    }
}

/// Slows the session's network down to `bytes_per_s` with `latency_ms` added
/// to every request, as Chromium's DevTools do.
pub async fn throttle(c: &Client, latency_ms: u32, bytes_per_s: u32) {
    c.issue_cmd(NetworkConditions { latency_ms, bytes_per_s })
        .await
        .unwrap_or_else(|e| panic!("chromedriver would not throttle the network: {e}"));
}

/// Chrome's log endpoint (not in the W3C standard, so not in fantoccini).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// Console messages at level SEVERE (errors) since the last call, plus any
/// error the page caught itself before the app started.
pub async fn console_errors(c: &Client) -> Vec<String> {
    let mut errors: Vec<String> = match c.issue_cmd(BrowserLog).await {
        Ok(Value::Array(entries)) => entries
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect(),
        Ok(_) => Vec::new(),
        Err(e) => vec![format!("could not read the browser log: {e}")],
    };
    if let Ok(Value::Array(caught)) = c.execute("return window.__scalelabErrors || []", vec![]).await {
        errors.extend(caught.iter().map(|v| v.as_str().unwrap_or_default().to_owned()));
    }
    errors
}

/// Opens `hash` on the site and waits for the lab (or home page) to mount.
pub async fn open(c: &Client, site: &Site, hash: &str) {
    c.goto(&format!("{}{hash}", site.base)).await.expect("navigate");
    wait_for(c, "the app to mount", Duration::from_secs(20), || async {
        c.find(Locator::Css("main#main")).await.is_ok()
    })
    .await;
}

/// Polls `ready` every 50 ms until it is true, or panics after `timeout`
/// saying what it was waiting for.
pub async fn wait_for<F, Fut>(_c: &Client, what: &str, timeout: Duration, mut ready: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    let deadline = Instant::now() + timeout;
    while !ready().await {
        assert!(Instant::now() < deadline, "timed out after {timeout:?} waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The exact value the page shows for metric `name` (its `data-value`).
pub async fn metric(c: &Client, name: &str) -> Option<String> {
    let el = c.find(Locator::Css(&format!("[data-metric=\"{name}\"]"))).await.ok()?;
    el.attr("data-value").await.ok()?
}

/// [`metric`] as a number (NaN if absent).
pub async fn metric_f64(c: &Client, name: &str) -> f64 {
    metric(c, name).await.and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
}

/// Saves a screenshot under `target/e2e/<name>.png` and returns its path.
pub async fn screenshot(c: &Client, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{name}.png"));
    let png = c.screenshot().await.expect("a screenshot");
    std::fs::write(&path, png).expect("write the screenshot");
    path
}
