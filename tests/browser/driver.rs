//! A thin layer over `headless_chrome`: one Chromium per site under test,
//! one tab, every console error, uncaught exception and failed request
//! recorded, and JavaScript results returned as JSON.

use headless_chrome::protocol::cdp::types::{Event, Method};
use headless_chrome::protocol::cdp::{Emulation, Log, Network, Page, Runtime};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::ffi::OsStr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Driver {
    // Field order matters: the tab goes before the browser, the browser
    // (which kills Chromium) before its profile folder is removed.
    pub tab: Arc<Tab>,
    _browser: Browser,
    problems: Arc<Mutex<Vec<String>>>,
    _profile: tempfile::TempDir,
}

impl Driver {
    /// Starts Chromium headless, offline (no background networking, sync,
    /// component updates or QUIC) with a fresh profile.
    pub fn launch(chrome: &Path) -> Driver {
        let profile = tempfile::tempdir().unwrap();
        let args: Vec<&OsStr> = [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions::default_builder()
            .path(Some(chrome.to_path_buf()))
            .headless(true)
            .sandbox(false)
            .window_size(Some((1280, 800)))
            .user_data_dir(Some(profile.path().to_path_buf()))
            .args(args)
            .idle_browser_timeout(Duration::from_secs(120))
            .build()
            .unwrap();
        let browser = Browser::new(options).unwrap_or_else(|e| {
            panic!(
                "cannot start {} headless: {e:#}\n  check that it runs: {} --headless --no-sandbox --dump-dom about:blank",
                chrome.display(),
                chrome.display()
            )
        });
        let tab = browser.new_tab().unwrap();
        tab.set_default_timeout(Duration::from_secs(20));
        let problems = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&problems);
        let requests = Mutex::new(std::collections::HashMap::new());
        tab.add_event_listener(Arc::new(move |event: &Event| {
            if let Event::NetworkRequestWillBeSent(e) = event {
                let mut requests = requests.lock().unwrap();
                requests.insert(e.params.request_id.clone(), e.params.request.url.clone());
            }
            let failed_url = match event {
                Event::NetworkLoadingFailed(e) => {
                    requests.lock().unwrap().get(&e.params.request_id).cloned()
                }
                _ => None,
            };
            if let Some(problem) = problem(event, failed_url) {
                sink.lock().unwrap().push(problem);
            }
        }))
        .unwrap();
        let driver = Driver {
            tab,
            _browser: browser,
            problems,
            _profile: profile,
        };
        driver.call::<Network::Enable>(json!({}));
        driver.call::<Log::Enable>(json!(null));
        driver.call::<Runtime::Enable>(json!(null));
        driver.call::<Page::Enable>(json!(null));
        // Smooth scrolling would make every click wait for an animation.
        driver.call::<Emulation::SetEmulatedMedia>(json!({
            "features": [{"name": "prefers-reduced-motion", "value": "reduce"}]
        }));
        driver
    }

    /// Any DevTools method, its parameters given as JSON.
    pub fn call<M>(&self, params: Value) -> M::ReturnObject
    where
        M: Method + DeserializeOwned + serde::Serialize,
    {
        let params = if params.is_null() { json!({}) } else { params };
        let method: M = serde_json::from_value(params)
            .unwrap_or_else(|e| panic!("bad parameters for {}: {e}", M::NAME));
        self.tab
            .call_method(method)
            .unwrap_or_else(|e| panic!("{} failed: {e:#}", M::NAME))
    }

    /// Sets the viewport to `width` x `height` CSS pixels.
    pub fn set_viewport(&self, width: u32, height: u32) {
        self.call::<Emulation::SetDeviceMetricsOverride>(json!({
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false
        }));
    }

    /// Emulates `prefers-color-scheme` (`"light"` or `"dark"`).
    pub fn set_color_scheme(&self, scheme: &str) {
        self.call::<Emulation::SetEmulatedMedia>(json!({
            "features": [
                {"name": "prefers-reduced-motion", "value": "reduce"},
                {"name": "prefers-color-scheme", "value": scheme}
            ]
        }));
    }

    /// Loads `url` and waits until it and its subresources have loaded.
    /// Returns every console error, exception and failed request seen.
    pub fn goto(&self, url: &str) -> Vec<String> {
        self.problems.lock().unwrap().clear();
        let mut problems = Vec::new();
        let navigated = self.call::<Page::Navigate>(json!({ "url": url }));
        if let Some(error) = navigated.error_text {
            problems.push(format!("navigation failed: {error}"));
        }
        // Wait for the new document (not the one being left) to finish
        // loading, its fonts included.
        let want = serde_json::to_string(url.split('#').next().unwrap()).unwrap();
        let check = format!(
            "return location.href.split('#')[0] === {want} && document.readyState === 'complete'"
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.eval(&check) != json!(true) {
            if Instant::now() > deadline {
                problems.push("did not finish loading within 20 s".to_string());
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.eval("await document.fonts.ready; return true");
        // Late events (a failed image, a console error from a script) arrive
        // asynchronously; a short pause lets them in.
        std::thread::sleep(Duration::from_millis(30));
        problems.extend(self.problems.lock().unwrap().drain(..));
        problems
    }

    /// Runs `body` as the body of an async function in the page and returns
    /// its result as JSON. A thrown exception fails the test.
    pub fn eval(&self, body: &str) -> Value {
        let expression = format!(
            "(async () => {{ {body} \n}})().then(v => JSON.stringify(v === undefined ? null : v))"
        );
        let result = self.call::<Runtime::Evaluate>(json!({
            "expression": expression, "awaitPromise": true, "returnByValue": true
        }));
        if let Some(details) = result.exception_details {
            panic!(
                "script failed in {}: {}\n{}",
                self.tab.get_url(),
                details
                    .exception
                    .and_then(|e| e.description)
                    .unwrap_or(details.text),
                body
            );
        }
        let text = result.result.value.unwrap_or(Value::Null);
        serde_json::from_str(text.as_str().unwrap_or("null")).unwrap_or(Value::Null)
    }

    /// Saves a PNG of the viewport.
    pub fn screenshot(&self, path: &Path) {
        let png = self
            .tab
            .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

/// A console error, uncaught exception, or failed or 4xx/5xx request, as text.
fn problem(event: &Event, failed_url: Option<String>) -> Option<String> {
    let problem = match event {
        Event::RuntimeExceptionThrown(e) => {
            let details = &e.params.exception_details;
            Some(format!(
                "uncaught exception: {}",
                details
                    .exception
                    .as_ref()
                    .and_then(|x| x.description.clone())
                    .unwrap_or_else(|| details.text.clone())
            ))
        }
        Event::RuntimeConsoleAPICalled(e) => {
            let params = serde_json::to_value(&e.params).ok()?;
            (params["type"] == "error" || params["type"] == "assert").then(|| {
                let args: Vec<String> = params["args"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| {
                        a["value"]
                            .as_str()
                            .map(String::from)
                            .unwrap_or_else(|| a["description"].to_string())
                    })
                    .collect();
                format!("console.{}: {}", params["type"], args.join(" "))
            })
        }
        Event::LogEntryAdded(e) => {
            let entry = serde_json::to_value(&e.params.entry).ok()?;
            (entry["level"] == "error").then(|| {
                format!(
                    "console error: {} {}",
                    entry["text"].as_str().unwrap_or(""),
                    entry["url"].as_str().unwrap_or("")
                )
            })
        }
        Event::NetworkLoadingFailed(e) => Some(format!(
            "request failed: {} for {}",
            e.params.error_text,
            failed_url.as_deref().unwrap_or("(unknown address)")
        )),
        Event::NetworkResponseReceived(e) if e.params.response.status >= 400 => Some(format!(
            "HTTP {} for {}",
            e.params.response.status, e.params.response.url
        )),
        _ => None,
    }?;
    // The browser itself asks the host's root for /favicon.ico; a site
    // served under a sub-path does not own that address.
    let browsers_own = problem
        .split_whitespace()
        .any(|word| word.ends_with("/favicon.ico") && word.matches('/').count() == 3);
    (!browsers_own).then_some(problem)
}
