//! An AMP-style API whose every error comes from the generated `AmpError`
//! and amp-errors' `axum` feature: Bearer API keys with scopes, in-memory
//! missions, a per-key rate limiter, and every catalog example served at
//! `GET /v1/errors/{code}`. `main.rs` serves it; `tests/api.rs` drives it
//! over loopback.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use amp_api_errors::{AmpError, AmpErrorCode, AmpErrorFieldViolation, AmpErrorMissionState};
use amp_errors::axum::{Json, Path, Query};
use axum::Router;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::header::AUTHORIZATION;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{Quota, RateLimiter};
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

/// A request to create a mission. A missing member or one of the wrong type
/// is rejected by amp-errors' `Json` with the catalog's `invalid_request`
/// or `validation_error`; the handler checks the values.
#[derive(Debug, Deserialize)]
pub struct NewMission {
    name: String,
    platforms: Vec<String>,
}

/// A per-key rate limiter: `Err(wait)` when `key` is over its limit.
type Limiter = dyn Fn(&str) -> Result<(), Duration> + Send + Sync;

/// The demo's state: missions and the rate limiter.
#[derive(Clone)]
pub struct AppState {
    missions: Arc<Mutex<HashMap<String, Mission>>>,
    limiter: Arc<Limiter>,
    limit: u32,
}

impl AppState {
    /// Empty missions, except one active (`msn_active`), and `limit`
    /// requests per key and minute, on the system clock.
    pub fn new(limit: u32) -> Self {
        AppState::with_clock(limit, DefaultClock::default())
    }

    /// [`AppState::new`] with the rate limiter on `clock` (tests pass a
    /// `governor::clock::FakeRelativeClock`, so that no window passes
    /// while they run).
    pub fn with_clock<C>(limit: u32, clock: C) -> Self
    where
        C: Clock + Clone + Send + Sync + 'static,
        C::Instant: Send + Sync,
    {
        let quota = Quota::per_minute(NonZeroU32::new(limit.max(1)).unwrap_or(NonZeroU32::MIN));
        let limiter = RateLimiter::dashmap_with_clock(quota, clock.clone());
        let check = move |key: &str| {
            limiter
                .check_key(&key.to_owned())
                .map_err(|not_until| not_until.wait_time_from(clock.now()))
        };
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
            limiter: Arc::new(check),
            limit,
        }
    }
}

/// The API. amp-errors' layer gives every request an id, answers unknown
/// routes, wrong methods, rejected bodies and parameters and panics with
/// the catalog's codes (its `[http]` table), and writes the id into every
/// error body.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route(
            "/v1/missions",
            get(list_missions).post(create_mission.layer(middleware::from_fn(require_write))),
        )
        .route(
            "/v1/missions/{id}",
            get(get_mission).delete(delete_mission.layer(middleware::from_fn(require_write))),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .route("/v1/errors/{code}", get(example_error))
        .layer(amp_errors::axum::layer::<AmpError>())
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
    if let Err(wait) = (state.limiter)(key) {
        let wait = wait.as_secs().max(1);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        return Err(AmpError::rate_limit_exceeded(wait)
            .with_limit(u64::from(state.limit))
            .with_remaining(0)
            .with_reset(now + wait));
    }
    request.extensions_mut().insert(Scopes(scopes));
    Ok(next.run(request).await)
}

/// The `missions:write` scope, checked before the body is read.
async fn require_write(request: Request, next: Next) -> Result<Response, AmpError> {
    let allowed = request
        .extensions()
        .get::<Scopes>()
        .is_some_and(|scopes| scopes.0.contains(&"missions:write"));
    if !allowed {
        return Err(AmpError::forbidden()
            .with_message("API key does not have required scope: missions:write"));
    }
    Ok(next.run(request).await)
}

/// The filter of `GET /v1/missions`.
#[derive(Debug, Deserialize)]
struct ListQuery {
    status: Option<String>,
}

async fn list_missions(
    State(state): State<AppState>,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<Mission>>, AmpError> {
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
    Json(NewMission { name, platforms }): Json<NewMission>,
) -> Result<(axum::http::StatusCode, Json<Mission>), AmpError> {
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
    Path(id): Path<String>,
) -> Result<axum::http::StatusCode, AmpError> {
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
