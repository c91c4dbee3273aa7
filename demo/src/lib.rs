//! An AMP-style API whose every error comes from the generated `AmpError`
//! and amp-errors' `axum` feature: Bearer API keys with scopes, in-memory
//! missions, a per-key rate limiter, and every catalog example served at
//! `GET /v1/errors/{code}`. `main.rs` serves it; `tests/api.rs` drives it
//! over loopback.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use amp_api_errors::{AmpError, AmpErrorCode, AmpErrorFieldViolation, AmpErrorMissionState};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::{Deserialize, Serialize};

/// Requests per key and window, as the seed's 429 example says.
pub const RATE_LIMIT: u32 = 300;

/// The demo's API keys: (key, scopes).
pub const API_KEYS: [(&str, &[&str]); 2] = [
    ("amp_live_rw", &["missions:read", "missions:write"]),
    ("amp_live_ro", &["missions:read"]),
];

/// A mission.
#[derive(Debug, Clone, Serialize)]
pub struct Mission {
    /// Its id (`msn_…`).
    pub id: String,
    /// Its name, unique.
    pub name: String,
    /// The platforms it targets.
    pub platforms: Vec<String>,
    /// Its state.
    pub status: String,
}

/// A request to create a mission; every member optional here, so that a
/// missing one is the catalog's error, not serde's.
#[derive(Debug, Deserialize)]
pub struct NewMission {
    name: Option<String>,
    platforms: Option<Vec<String>>,
}

/// The demo's state: missions and the rate limiter.
#[derive(Clone)]
pub struct AppState {
    missions: Arc<Mutex<HashMap<String, Mission>>>,
    limiter: Arc<DefaultKeyedRateLimiter<String>>,
    limit: u32,
}

impl AppState {
    /// Empty missions, except one active (`msn_active`), and `limit`
    /// requests per key and minute.
    pub fn new(limit: u32) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(limit.max(1)).unwrap_or(NonZeroU32::MIN));
        let mut missions = HashMap::new();
        missions.insert(
            "msn_active".to_owned(),
            Mission {
                id: "msn_active".into(),
                name: "Launch".into(),
                platforms: vec!["linkedin".into()],
                status: "active".into(),
            },
        );
        AppState {
            missions: Arc::new(Mutex::new(missions)),
            limiter: Arc::new(RateLimiter::keyed(quota)),
            limit,
        }
    }
}

/// The API, with request ids on every response and error.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/v1/missions", get(list_missions).post(create_mission))
        .route("/v1/missions/{id}", get(get_mission).delete(delete_mission))
        .route_layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .route("/v1/errors/{code}", get(example_error))
        .fallback(no_route)
        .layer(amp_errors::axum::catch_panic::<AmpError>())
        .layer(middleware::from_fn(
            amp_errors::axum::request_ids::<AmpError>,
        ))
        .with_state(state)
}

/// The caller's scopes, set by [`authenticate`].
#[derive(Clone)]
struct Scopes(&'static [&'static str]);

/// Bearer API keys, then the per-key rate limit.
async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Result<Response, AmpError> {
    let header = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    let Some(token) = header.and_then(|value| value.strip_prefix("Bearer ")) else {
        return Err(AmpError::unauthorized());
    };
    // A JWT-shaped token (three dot-separated parts) this API cannot verify.
    if token.split('.').count() == 3 {
        return Err(AmpError::invalid_token());
    }
    let Some((key, scopes)) = API_KEYS.iter().find(|(key, _)| *key == token) else {
        return Err(AmpError::unauthorized());
    };
    if let Err(not_until) = state.limiter.check_key(&key.to_string()) {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        return Err(
            AmpError::rate_limit_exceeded(wait.as_secs().max(1)).with_limit(u64::from(state.limit))
        );
    }
    request.extensions_mut().insert(Scopes(scopes));
    Ok(next.run(request).await)
}

/// The filter of `GET /v1/missions`.
#[derive(Debug, Deserialize)]
struct ListQuery {
    status: Option<String>,
}

async fn list_missions(
    State(state): State<AppState>,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Vec<Mission>>, AmpError> {
    let Query(query) = query
        .map_err(|rejection| AmpError::invalid_parameter().with_message(rejection.body_text()))?;
    if let Some(status) = &query.status
        && matches!(
            AmpErrorMissionState::from_wire(status),
            AmpErrorMissionState::Unknown(_)
        )
    {
        let values: Vec<&str> = AmpErrorMissionState::ALL
            .iter()
            .map(|s| s.as_str())
            .collect();
        return Err(AmpError::invalid_parameter()
            .with_message(format!(
                "Invalid value for parameter 'status'. Expected one of: {}",
                values.join(", ")
            ))
            .with_param("status"));
    }
    let missions = state
        .missions
        .lock()
        .map_err(|_| AmpError::internal_error())?;
    let mut out: Vec<Mission> = missions
        .values()
        .filter(|m| query.status.as_ref().is_none_or(|s| &m.status == s))
        .cloned()
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Json(out))
}

async fn create_mission(
    State(state): State<AppState>,
    Extension(scopes): Extension<Scopes>,
    body: Result<Json<NewMission>, JsonRejection>,
) -> Result<(axum::http::StatusCode, Json<Mission>), AmpError> {
    if !scopes.0.contains(&"missions:write") {
        return Err(AmpError::forbidden()
            .with_message("API key does not have required scope: missions:write"));
    }
    let Json(new) =
        body.map_err(|rejection| AmpError::invalid_request().with_message(rejection.body_text()))?;
    let Some(platforms) = new.platforms else {
        return Err(AmpError::invalid_request()
            .with_message("The 'platforms' field is required")
            .with_param("platforms"));
    };
    let name = new.name.unwrap_or_default();
    let mut details = Vec::new();
    if name.chars().count() < 3 {
        details.push(violation("name", "must be at least 3 characters"));
    }
    const PLATFORMS: [&str; 4] = ["linkedin", "x", "instagram", "facebook"];
    if platforms.is_empty() || platforms.iter().any(|p| !PLATFORMS.contains(&p.as_str())) {
        details.push(violation(
            "platforms",
            "must contain valid platform identifiers",
        ));
    }
    if !details.is_empty() {
        return Err(AmpError::validation_error(details));
    }
    let mut missions = state
        .missions
        .lock()
        .map_err(|_| AmpError::internal_error())?;
    if missions.values().any(|m| m.name == name) {
        return Err(AmpError::already_exists()
            .with_message("Mission with this name already exists")
            .with_param("name"));
    }
    let mission = Mission {
        id: format!("msn_{}", missions.len() + 1),
        name,
        platforms,
        status: "draft".into(),
    };
    missions.insert(mission.id.clone(), mission.clone());
    Ok((axum::http::StatusCode::CREATED, Json(mission)))
}

fn violation(field: &str, message: &str) -> AmpErrorFieldViolation {
    AmpErrorFieldViolation {
        field: field.into(),
        message: message.into(),
        ..Default::default()
    }
}

fn mission_not_found(id: &str) -> AmpError {
    AmpError::not_found()
        .with_message("Mission not found")
        .with_resource_type("mission")
        .with_resource_id(id)
}

async fn get_mission(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Mission>, AmpError> {
    let missions = state
        .missions
        .lock()
        .map_err(|_| AmpError::internal_error())?;
    missions
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or_else(|| mission_not_found(&id))
}

async fn delete_mission(
    State(state): State<AppState>,
    Extension(scopes): Extension<Scopes>,
    Path(id): Path<String>,
) -> Result<axum::http::StatusCode, AmpError> {
    if !scopes.0.contains(&"missions:write") {
        return Err(AmpError::forbidden()
            .with_message("API key does not have required scope: missions:write"));
    }
    let mut missions = state
        .missions
        .lock()
        .map_err(|_| AmpError::internal_error())?;
    let mission = missions.get(&id).ok_or_else(|| mission_not_found(&id))?;
    if mission.status == "active" {
        return Err(AmpError::conflict()
            .with_message("Cannot delete active mission. Pause or complete it first.")
            .with_current_state(AmpErrorMissionState::Active)
            .with_allowed_states(vec![
                AmpErrorMissionState::Draft,
                AmpErrorMissionState::Paused,
                AmpErrorMissionState::Completed,
            ]));
    }
    missions.remove(&id);
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Every catalog example, with its status and headers.
async fn example_error(Path(code): Path<String>) -> AmpError {
    AmpErrorCode::from_wire(&code)
        .and_then(AmpErrorCode::example)
        .unwrap_or_else(|| {
            AmpError::not_found()
                .with_message(format!("No error code `{code}` in the catalog"))
                .with_resource_type("error_code")
                .with_resource_id(code)
        })
}

/// No such route.
async fn no_route() -> Response {
    AmpError::not_found()
        .with_message("No such route")
        .into_response()
}
