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
    let (err, _) = error_of(nowhere).await;
    assert_eq!(
        (err.status(), err.error().unwrap().code()),
        (404, "not_found")
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

#[tokio::test]
async fn the_rate_limiter_answers_exactly_the_requests_over_the_limit() {
    let limit = 50;
    let base = serve(limit).await;
    let http = reqwest::Client::new();
    let (mut ok, mut limited) = (0, 0);
    // A bounded load from several tasks: 4 x 20 requests for one key.
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let (http, url) = (http.clone(), format!("{base}/v1/missions"));
            tokio::spawn(async move {
                let mut statuses = Vec::new();
                for _ in 0..20 {
                    let response = http
                        .get(&url)
                        .bearer_auth("amp_live_ro")
                        .send()
                        .await
                        .unwrap();
                    let status = response.status().as_u16();
                    if status == 429 {
                        let headers = response.headers().clone();
                        let (err, body) = error_of(response).await;
                        assert!(err.is_retryable());
                        assert_eq!(body["limit"], limit);
                        let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
                        assert_eq!(body["retry_after"], wait);
                        assert_eq!(headers["x-ratelimit-limit"], limit.to_string().as_str());
                    }
                    statuses.push(status);
                }
                statuses
            })
        })
        .collect();
    for task in tasks {
        for status in task.await.unwrap() {
            match status {
                200 => ok += 1,
                429 => limited += 1,
                other => panic!("status {other}"),
            }
        }
    }
    assert_eq!((ok, limited), (limit as usize, 80 - limit as usize));
}
