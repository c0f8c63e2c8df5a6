//! `Http` over the worker's `fetch`: the only code that talks to the sync
//! server. Adds the login, gives up after a timeout, and tells an
//! unreachable server from one that answers but does not allow this app
//! (CORS), which `fetch` reports alike.

use crate::service::sync::{Http, HttpReply, HttpRequest, NetError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, RequestMode, Response, WorkerGlobalScope};

/// How long one request may take (a `_changes` page of 500 records on a
/// slow line included).
const TIMEOUT_MS: i32 = 30_000;

pub struct FetchHttp {
    /// `Basic …`, made from the login when the sync starts; never stored.
    authorization: String,
}

impl FetchHttp {
    pub fn new(user: &str, password: &str) -> Self {
        Self {
            authorization: format!("Basic {}", base64(format!("{user}:{password}").as_bytes())),
        }
    }
}

fn scope() -> WorkerGlobalScope {
    js_sys::global().unchecked_into()
}

impl Http for FetchHttp {
    async fn send(&self, request: HttpRequest) -> Result<HttpReply, NetError> {
        let scope = scope();
        if !scope.navigator().on_line() {
            return Err(NetError::Offline);
        }
        let headers = Headers::new().map_err(|_| NetError::Unreachable)?;
        let _ = headers.set("Accept", "application/json");
        let _ = headers.set("Authorization", &self.authorization);
        let init = RequestInit::new();
        init.set_method(request.method.name());
        init.set_mode(RequestMode::Cors);
        init.set_credentials(web_sys::RequestCredentials::Omit);
        if let Some(body) = &request.body {
            let _ = headers.set("Content-Type", "application/json");
            init.set_body(&JsValue::from_str(body));
        }
        init.set_headers(&headers);
        let controller = AbortController::new().map_err(|_| NetError::Unreachable)?;
        init.set_signal(Some(&controller.signal()));
        let abort = wasm_bindgen::closure::Closure::once_into_js({
            let controller = controller.clone();
            move || controller.abort()
        });
        let timer = scope
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.unchecked_ref(),
                TIMEOUT_MS,
            )
            .ok();
        let outcome = JsFuture::from(scope.fetch_with_str_and_init(&request.url, &init)).await;
        let reply = match outcome {
            Ok(response) => {
                let response: Response = response.unchecked_into();
                let text = match response.text() {
                    Ok(promise) => JsFuture::from(promise).await,
                    Err(error) => Err(error),
                };
                match text {
                    Ok(text) => Ok(HttpReply {
                        status: response.status(),
                        body: text.as_string().unwrap_or_default(),
                    }),
                    Err(_) if controller.signal().aborted() => Err(NetError::TimedOut),
                    Err(_) => Err(NetError::Unreachable),
                }
            }
            Err(_) if controller.signal().aborted() => Err(NetError::TimedOut),
            Err(_) => Err(why_unanswered(&request.url).await),
        };
        if let Some(timer) = timer {
            scope.clear_timeout_with_handle(timer);
        }
        reply
    }
}

/// After a `fetch` failed without a reply: was it the connection, or does
/// the server not allow this app? A plain request for the same address
/// without a login is tried twice: as CORS (answered: the server allows
/// this app, so the connection broke) and asking for no CORS (answered,
/// opaquely: the server is up but does not allow this app).
async fn why_unanswered(url: &str) -> NetError {
    let probe = |mode: RequestMode| {
        let init = RequestInit::new();
        init.set_mode(mode);
        init.set_credentials(web_sys::RequestCredentials::Omit);
        JsFuture::from(scope().fetch_with_str_and_init(url, &init))
    };
    if probe(RequestMode::Cors).await.is_ok() {
        return NetError::Unreachable;
    }
    match probe(RequestMode::NoCors).await {
        Ok(_) => NetError::CorsNotSet,
        Err(_) => NetError::Unreachable,
    }
}

/// Standard base64 with padding (RFC 4648), for the Basic login.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
