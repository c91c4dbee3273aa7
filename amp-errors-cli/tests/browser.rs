//! The HTML reference in a real browser: headless Chromium, driven through
//! chromedriver's W3C WebDriver HTTP API by the small client below (std
//! only). Opening `errors.html#rate_limit_exceeded` must scroll that code's
//! section to the top of the viewport, with its heading and the `:target`
//! style; a link of the status table must do the same for its code; and every
//! code's `doc_url` fragment must name a section of the page.
//!
//! Needs `chromium` and `chromedriver` (Debian: `apt-get install -y chromium
//! chromium-driver`; or point `CHROME` and `CHROMEDRIVER` at them). Without
//! them the test fails, unless `AMP_ERRORS_SKIP_BROWSER=1` is set.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const INSTALL: &str = "this test opens the HTML reference in headless Chromium through chromedriver, and neither was found.
Install them (Debian/Ubuntu):   apt-get install -y chromium chromium-driver
or point CHROME and CHROMEDRIVER at the binaries; or skip this test explicitly with AMP_ERRORS_SKIP_BROWSER=1.";

/// The `:target` rule's background (`section.code:target` in the page's CSS).
const TARGET_BACKGROUND: &str = "rgb(255, 251, 235)";

/// What the page says about the section with id `arguments[0]`.
const INSPECT: &str = r#"
const el = document.getElementById(arguments[0]);
if (!el) { return null; }
const heading = el.querySelector('h4');
const target = document.querySelector(':target');
const other = document.querySelector('section.code:not(:target)');
return {
  hash: decodeURIComponent(location.hash),
  top: el.getBoundingClientRect().top,
  scrollY: window.scrollY,
  heading: heading ? heading.textContent.trim() : null,
  isTarget: el.matches(':target'),
  targetId: target ? target.id : null,
  background: getComputedStyle(el).backgroundColor,
  otherBackground: other ? getComputedStyle(other).backgroundColor : null,
};
"#;

/// For each (code, doc_url) of `arguments[0]`: the heading of the section
/// its fragment names, or null.
const RESOLVE: &str = r#"
return arguments[0].map(([code, url]) => {
  const fragment = decodeURIComponent(url.split('#')[1] || '');
  const el = document.getElementById(fragment);
  const heading = el && el.querySelector('h4');
  return [code, heading ? heading.textContent.trim() : null];
});
"#;

/// The binary named by `env`, else the first of `names` on `PATH`.
fn find_binary(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env).filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// One HTTP/1.1 request to chromedriver; the JSON body of its answer.
fn request(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(90)))
        .map_err(|e| e.to_string())?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .map_err(|e| e.to_string())?;
    let (head, body) = read_response(&mut stream)?;
    let value: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {head}\n{body}"))?;
    let status_ok = head.split(' ').nth(1).is_some_and(|s| s.starts_with('2'));
    if status_ok {
        Ok(value)
    } else {
        Err(format!("{method} {path}: {head}\n{value:#}"))
    }
}

/// Reads one HTTP response: its head, and its body by `Content-Length`
/// (chromedriver keeps the connection open), chunks, or up to the end.
fn read_response(stream: &mut TcpStream) -> Result<(String, String), String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!(
                "connection closed: {}",
                String::from_utf8_lossy(&raw)
            ));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut body = raw[head_end + 4..].to_vec();
    let header = |name: &str| {
        head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_ascii_lowercase())
        })
    };
    if let Some(length) = header("content-length").and_then(|l| l.parse::<usize>().ok()) {
        while body.len() < length {
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
        }
        body.truncate(length);
    } else {
        stream.read_to_end(&mut body).map_err(|e| e.to_string())?;
    }
    let body = String::from_utf8_lossy(&body).into_owned();
    let chunked = header("transfer-encoding").is_some_and(|t| t.contains("chunked"));
    Ok((head, if chunked { dechunk(&body) } else { body }))
}

/// A chunked HTTP body, joined.
fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// A chromedriver process and its browser session; both end on drop.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

impl Browser {
    fn start(chrome: &Path, chromedriver: &Path, profile: &Path) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}\n{INSTALL}", chromedriver.display()));
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while request(port, "GET", "/status", None)
            .map(|v| v["value"]["ready"] != true)
            .unwrap_or(true)
        {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not become ready in 30 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chrome,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,800", format!("--user-data-dir={}", profile.display()),
                ],
            },
        }}});
        let session = request(port, "POST", "/session", Some(&capabilities))
            .unwrap_or_else(|e| panic!("chromedriver could not start Chromium: {e}"));
        browser.session = session["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        browser
    }

    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        request(self.port, method, &path, body).unwrap_or_else(|e| panic!("{e}"))["value"].take()
    }

    fn open(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
    }

    fn script(&self, script: &str, args: Value) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(&json!({ "script": script, "args": args })),
        )
    }

    fn click(&self, css: &str) {
        let element = self.command(
            "POST",
            "/element",
            Some(&json!({ "using": "css selector", "value": css })),
        );
        let id = element
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("an element reference")
            .to_owned();
        self.command("POST", &format!("/element/{id}/click"), Some(&json!({})));
    }

    /// The section `id` once it is at the top of the viewport (layout and
    /// scrolling settle within a few frames), or what it was after 5 s.
    fn section_at_top(&self, id: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let state = self.script(INSPECT, json!([id]));
            let top = state["top"].as_f64().unwrap_or(f64::MAX);
            if top.abs() < 2.0 || Instant::now() > deadline {
                return state;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = request(
                self.port,
                "DELETE",
                &format!("/session/{}", self.session),
                None,
            );
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn assert_at_top(state: &Value, id: &str) {
    assert!(!state.is_null(), "no element with id {id}");
    assert_eq!(state["hash"], format!("#{id}"), "{state:#}");
    assert_eq!(
        state["heading"], id,
        "the section's heading is the code: {state:#}"
    );
    assert_eq!(state["isTarget"], true, "{state:#}");
    assert_eq!(state["targetId"], id, "{state:#}");
    let top = state["top"].as_f64().unwrap();
    assert!(
        top.abs() < 2.0,
        "the section is at the top of the viewport: {state:#}"
    );
    assert!(
        state["scrollY"].as_f64().unwrap() > 0.0,
        "the page scrolled: {state:#}"
    );
    assert_eq!(
        state["background"], TARGET_BACKGROUND,
        "the :target rule applies: {state:#}"
    );
    assert_ne!(
        state["otherBackground"], TARGET_BACKGROUND,
        "only to the target: {state:#}"
    );
}

#[test]
fn doc_url_fragments_open_their_code_in_chromium() {
    let chrome = find_binary("CHROME", &["chromium", "chromium-browser", "google-chrome"]);
    let chromedriver = find_binary("CHROMEDRIVER", &["chromedriver"]);
    let (Some(chrome), Some(chromedriver)) = (chrome, chromedriver) else {
        if std::env::var("AMP_ERRORS_SKIP_BROWSER").is_ok_and(|v| v == "1") {
            eprintln!("skipped: AMP_ERRORS_SKIP_BROWSER=1 (no chromium/chromedriver)");
            return;
        }
        panic!("{INSTALL}");
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let catalog = amp_errors_catalog::load(&root.join("catalog.toml")).expect("a valid catalog");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("errors.html");
    std::fs::write(&page, amp_errors_cli::docs::html(&catalog)).unwrap();
    let url = format!("file://{}", page.display()).replace(' ', "%20");

    let browser = Browser::start(&chrome, &chromedriver, &dir.join("profile"));
    browser.open(&format!("{url}#rate_limit_exceeded"));
    assert_at_top(
        &browser.section_at_top("rate_limit_exceeded"),
        "rate_limit_exceeded",
    );

    // A link of the page moves the target.
    browser.click("a[href=\"#service_unavailable\"]");
    assert_at_top(
        &browser.section_at_top("service_unavailable"),
        "service_unavailable",
    );

    // Every code's doc_url lands on its own section.
    let links: Vec<Value> = catalog
        .codes
        .iter()
        .map(|c| json!([c.code.value, catalog.code_doc_url(c)]))
        .collect();
    let resolved = browser.script(RESOLVE, json!([links]));
    let expected: Vec<Value> = catalog
        .codes
        .iter()
        .map(|c| json!([c.code.value, c.code.value]))
        .collect();
    assert_eq!(resolved, Value::Array(expected));
}
