//! The demo API over loopback: every route gives the seed's status, headers
//! and body, and the typed client parses each.

use amp_api_errors::{AmpError, AmpErrorCode};
use amp_demo::{AppState, app};
use amp_errors::client::HttpError;
use serde_json::{Value, json};

/// Serves the demo with `limit` requests per key and minute.
async fn serve(limit: u32) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app(AppState::new(limit)))
            .await
            .unwrap()
    });
    format!("http://{addr}")
}

/// The response as the typed client sees it, and the error object as JSON
/// without its request id (which is random).
async fn error_of(response: reqwest::Response) -> (HttpError<AmpError>, Value) {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    let body = response.bytes().await.unwrap();
    let err = HttpError::from_response(
        status,
        headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
        &body,
    );
    let mut json: Value = serde_json::from_slice(&body).unwrap();
    let id = json["error"].as_object_mut().unwrap().remove("request_id");
    assert!(id.is_some_and(|id| id.as_str().unwrap().starts_with("req_")));
    (err, json["error"].clone())
}

fn doc(code: &str) -> String {
    format!("https://docs.amp.dev/api/errors#{code}")
}

#[tokio::test]
async fn authentication_and_scopes() {
    let base = serve(300).await;
    let http = reqwest::Client::new();
    let missions = format!("{base}/v1/missions");

    let (err, _) = error_of(http.get(&missions).send().await.unwrap()).await;
    assert_eq!(
        (err.status(), err.error().unwrap().code()),
        (401, "unauthorized")
    );

    let jwt = http
        .get(&missions)
        .bearer_auth("a.b.c")
        .send()
        .await
        .unwrap();
    let (err, _) = error_of(jwt).await;
    assert_eq!(
        (err.status(), err.error().unwrap().code()),
        (401, "invalid_token")
    );

    let read_only = http
        .post(&missions)
        .bearer_auth("amp_live_ro")
        .json(&json!({"name": "Launch week", "platforms": ["x"]}))
        .send()
        .await
        .unwrap();
    let (err, body) = error_of(read_only).await;
    assert_eq!(err.status(), 403);
    assert_eq!(
        body,
        json!({"code": "forbidden", "message": "API key does not have required scope: missions:write", "doc_url": doc("forbidden")})
    );
}

#[tokio::test]
async fn the_seeds_request_and_resource_errors() {
    let base = serve(300).await;
    let http = reqwest::Client::new();
    let missions = format!("{base}/v1/missions");
    let post = |body: Value| {
        http.post(&missions)
            .bearer_auth("amp_live_rw")
            .json(&body)
            .send()
    };

    let (err, body) = error_of(post(json!({"name": "Launch week"})).await.unwrap()).await;
    assert_eq!(err.status(), 400);
    assert_eq!(
        body,
        json!({"code": "invalid_request", "message": "The 'platforms' field is required", "param": "platforms", "doc_url": doc("invalid_request")})
    );

    let (err, body) = error_of(
        post(json!({"name": "ab", "platforms": ["myspace"]}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(err.status(), 422);
    assert_eq!(
        body,
        json!({"code": "validation_error", "message": "Validation failed", "details": [
            {"field": "name", "message": "must be at least 3 characters"},
            {"field": "platforms", "message": "must contain valid platform identifiers"}
        ], "doc_url": doc("validation_error")})
    );

    let created = post(json!({"name": "Launch week", "platforms": ["x"]}))
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let (err, body) = error_of(
        post(json!({"name": "Launch week", "platforms": ["x"]}))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(err.status(), 409);
    assert_eq!(body["code"], "already_exists");
    assert_eq!(body["param"], "name");

    let bad_status = http
        .get(format!("{missions}?status=archived"))
        .bearer_auth("amp_live_ro")
        .send()
        .await
        .unwrap();
    let (err, body) = error_of(bad_status).await;
    assert_eq!(err.status(), 400);
    assert_eq!(
        body,
        json!({"code": "invalid_parameter", "message": "Invalid value for parameter 'status'. Expected one of: draft, active, paused, completed", "param": "status", "doc_url": doc("invalid_parameter")})
    );

    let missing = http
        .get(format!("{missions}/msn_invalid_id"))
        .bearer_auth("amp_live_ro")
        .send()
        .await
        .unwrap();
    let (err, body) = error_of(missing).await;
    assert_eq!(err.status(), 404);
    assert_eq!(
        body,
        json!({"code": "not_found", "message": "Mission not found", "resource_type": "mission", "resource_id": "msn_invalid_id", "doc_url": doc("not_found")})
    );

    let active = http
        .delete(format!("{missions}/msn_active"))
        .bearer_auth("amp_live_rw")
        .send()
        .await
        .unwrap();
    let (err, body) = error_of(active).await;
    assert_eq!(err.status(), 409);
    assert_eq!(
        body,
        json!({"code": "conflict", "message": "Cannot delete active mission. Pause or complete it first.", "current_state": "active", "allowed_states": ["draft", "paused", "completed"], "doc_url": doc("conflict")})
    );

    let nowhere = http.get(format!("{base}/v2/nothing")).send().await.unwrap();
    let (err, body) = error_of(nowhere).await;
    assert_eq!(err.status(), 404);
    assert_eq!(
        body,
        json!({"code": "not_found", "message": "Resource not found", "doc_url": doc("not_found")})
    );

    // A method the path does not take, and a body that is not JSON: the
    // catalog's invalid_request (its `[http]` table), never axum's text.
    let put = http
        .put(format!("{base}/v1/errors/not_found"))
        .send()
        .await
        .unwrap();
    assert_eq!(put.headers()["allow"], "GET,HEAD");
    let (err, body) = error_of(put).await;
    assert_eq!(err.status(), 400);
    assert_eq!(
        body,
        json!({"code": "invalid_request", "message": "Method PUT is not allowed on this path", "doc_url": doc("invalid_request")})
    );
    let broken = http
        .post(&missions)
        .bearer_auth("amp_live_rw")
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    let (err, body) = error_of(broken).await;
    assert_eq!(err.status(), 400);
    assert_eq!(
        body,
        json!({"code": "invalid_request", "message": "The request body is not valid JSON (line 1, column 9).", "doc_url": doc("invalid_request")})
    );
    let typed = http
        .post(&missions)
        .bearer_auth("amp_live_rw")
        .json(&json!({"name": 7, "platforms": ["x"]}))
        .send()
        .await
        .unwrap();
    let (err, body) = error_of(typed).await;
    assert_eq!(err.status(), 422);
    assert_eq!(
        body,
        json!({"code": "validation_error", "message": "Validation failed", "details": [{"field": "name", "message": "invalid type: integer `7`, expected a string"}], "doc_url": doc("validation_error")})
    );
}

#[tokio::test]
async fn every_catalog_example_is_served_with_its_status_and_headers() {
    let base = serve(300).await;
    let http = reqwest::Client::new();
    for code in AmpErrorCode::ALL {
        let response = http
            .get(format!("{base}/v1/errors/{code}"))
            .send()
            .await
            .unwrap();
        let retry_after = response
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_owned());
        let (err, _) = error_of(response).await;
        assert_eq!(err.status(), code.status_code(), "{code}");
        assert_eq!(err.error().unwrap().known_code(), Some(code));
        if code == AmpErrorCode::RateLimitExceeded {
            assert_eq!(retry_after.as_deref(), Some("45"));
        }
    }
}

/// Serves the demo with `limit` requests per key and minute, on a clock
/// that does not move: no window passes while a test runs.
async fn serve_frozen(limit: u32) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::with_clock(limit, governor::clock::FakeRelativeClock::default());
    tokio::spawn(async move { axum::serve(listener, app(state)).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limiter_answers_exactly_the_requests_over_the_limit() {
    // A bounded load: 8 tasks x 250 requests for one key, 2,000 in all.
    const TASKS: usize = 8;
    const EACH: usize = 250;
    let limit = 300;
    let base = serve_frozen(limit).await;
    let http = reqwest::Client::new();
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let (http, url) = (http.clone(), format!("{base}/v1/missions"));
            tokio::spawn(async move {
                let mut seen = Vec::with_capacity(EACH);
                for _ in 0..EACH {
                    let response = http
                        .get(&url)
                        .bearer_auth("amp_live_ro")
                        .send()
                        .await
                        .unwrap();
                    let status = response.status().as_u16();
                    let headers = response.headers().clone();
                    let id = headers["x-request-id"].to_str().unwrap().to_owned();
                    if status == 429 {
                        let body = response.bytes().await.unwrap();
                        let json: Value = serde_json::from_slice(&body).unwrap();
                        // The body carries the same id as the header.
                        assert_eq!(json["error"]["request_id"], id.as_str());
                        let err = HttpError::<AmpError>::from_response(
                            429,
                            headers
                                .iter()
                                .map(|(n, v)| (n.as_str(), v.to_str().unwrap())),
                            &body,
                        );
                        assert!(err.is_retryable());
                        assert_eq!(json["error"]["limit"], limit);
                        let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
                        assert!(wait >= 1);
                        assert_eq!(json["error"]["retry_after"], wait);
                        assert_eq!(headers["x-ratelimit-limit"], limit.to_string().as_str());
                        assert_eq!(headers["x-ratelimit-remaining"], "0");
                        assert_eq!(json["error"]["remaining"], 0);
                        let reset: u64 = headers["x-ratelimit-reset"]
                            .to_str()
                            .unwrap()
                            .parse()
                            .unwrap();
                        assert_eq!(json["error"]["reset"], reset);
                    }
                    seen.push((status, id));
                }
                seen
            })
        })
        .collect();
    let (mut ok, mut limited) = (0, 0);
    let mut ids = std::collections::HashSet::new();
    for task in tasks {
        for (status, id) in task.await.unwrap() {
            match status {
                200 => ok += 1,
                429 => limited += 1,
                other => panic!("status {other}"),
            }
            assert!(id.starts_with("req_") && id.len() == 16, "{id}");
            // No id is lost or given to two requests.
            assert!(ids.insert(id.clone()), "request id {id} given twice");
        }
    }
    assert_eq!(ids.len(), TASKS * EACH);
    assert_eq!(
        (ok, limited),
        (limit as usize, TASKS * EACH - limit as usize)
    );
}
