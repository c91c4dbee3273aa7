//! HTTP error statuses: reason phrases (RFC 9110 and the registry) and a
//! one-line summary of what each means to a client.

/// The reason phrase and summary of an error status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// The status code, `400..=599`.
    pub code: u16,
    /// The reason phrase (`Too Many Requests`); a class name for an unregistered status.
    pub reason: &'static str,
    /// What the status tells a client, in a few words.
    pub summary: &'static str,
    /// Whether the reason phrase is the registered one (not a class name).
    pub registered: bool,
}

const KNOWN: &[(u16, &str, &str)] = &[
    (
        400,
        "Bad Request",
        "The request is malformed or has invalid parameters.",
    ),
    (
        401,
        "Unauthorized",
        "Authentication is missing, invalid or expired.",
    ),
    (
        402,
        "Payment Required",
        "A billing limit or payment problem blocks the request.",
    ),
    (
        403,
        "Forbidden",
        "Authenticated, but not allowed to do this.",
    ),
    (
        404,
        "Not Found",
        "The resource does not exist or is not visible to the caller.",
    ),
    (
        405,
        "Method Not Allowed",
        "The resource does not support this method.",
    ),
    (
        406,
        "Not Acceptable",
        "No representation matches the Accept headers.",
    ),
    (
        407,
        "Proxy Authentication Required",
        "The proxy needs authentication.",
    ),
    (
        408,
        "Request Timeout",
        "The server timed out waiting for the request.",
    ),
    (
        409,
        "Conflict",
        "The request conflicts with the resource's current state.",
    ),
    (
        410,
        "Gone",
        "The resource existed once and is gone for good.",
    ),
    (
        411,
        "Length Required",
        "The request needs a Content-Length.",
    ),
    (
        412,
        "Precondition Failed",
        "A precondition header did not hold.",
    ),
    (
        413,
        "Content Too Large",
        "The request body is larger than allowed.",
    ),
    (
        414,
        "URI Too Long",
        "The request URI is longer than allowed.",
    ),
    (
        415,
        "Unsupported Media Type",
        "The body's media type is not supported.",
    ),
    (
        416,
        "Range Not Satisfiable",
        "The requested range cannot be served.",
    ),
    (
        417,
        "Expectation Failed",
        "The Expect header cannot be met.",
    ),
    (418, "I'm a teapot", "Unused by HTTP; reserved."),
    (
        421,
        "Misdirected Request",
        "The request reached a server that cannot answer it.",
    ),
    (
        422,
        "Unprocessable Entity",
        "The request is well-formed but failed validation.",
    ),
    (423, "Locked", "The resource is locked."),
    (
        424,
        "Failed Dependency",
        "A request this one depends on failed.",
    ),
    (
        425,
        "Too Early",
        "The server will not risk processing a replayed request.",
    ),
    (426, "Upgrade Required", "The client must switch protocols."),
    (
        428,
        "Precondition Required",
        "The request must be conditional.",
    ),
    (
        429,
        "Too Many Requests",
        "Rate limit exceeded: too many requests in a time window.",
    ),
    (
        431,
        "Request Header Fields Too Large",
        "The request's headers are too large.",
    ),
    (
        451,
        "Unavailable For Legal Reasons",
        "Access is denied for legal reasons.",
    ),
    (
        500,
        "Internal Server Error",
        "An unexpected error on the server.",
    ),
    (
        501,
        "Not Implemented",
        "The server does not support this functionality.",
    ),
    (
        502,
        "Bad Gateway",
        "An upstream service returned an invalid response or an error.",
    ),
    (
        503,
        "Service Unavailable",
        "A temporary outage or overload.",
    ),
    (
        504,
        "Gateway Timeout",
        "An upstream service did not answer in time.",
    ),
    (
        505,
        "HTTP Version Not Supported",
        "The HTTP version is not supported.",
    ),
    (
        506,
        "Variant Also Negotiates",
        "The server's content negotiation is misconfigured.",
    ),
    (
        507,
        "Insufficient Storage",
        "The server cannot store what the request needs.",
    ),
    (508, "Loop Detected", "The server found an infinite loop."),
    (510, "Not Extended", "The request needs further extensions."),
    (
        511,
        "Network Authentication Required",
        "The client must authenticate to the network.",
    ),
];

/// The reason phrase and summary of `code`; for a status without a
/// registered phrase, its class ("Client Error", "Server Error").
pub fn status(code: u16) -> Status {
    match KNOWN.iter().find(|(c, _, _)| *c == code) {
        Some(&(code, reason, summary)) => Status {
            code,
            reason,
            summary,
            registered: true,
        },
        None if code < 500 => Status {
            code,
            reason: "Client Error",
            summary: "The request cannot be served as sent.",
            registered: false,
        },
        None => Status {
            code,
            reason: "Server Error",
            summary: "The server failed to serve a valid request.",
            registered: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases() {
        assert_eq!(status(429).reason, "Too Many Requests");
        assert_eq!(status(499).reason, "Client Error");
        assert_eq!(status(599).reason, "Server Error");
        let mut codes: Vec<u16> = KNOWN.iter().map(|k| k.0).collect();
        codes.dedup();
        assert_eq!(codes.len(), KNOWN.len(), "sorted, no duplicates");
    }
}
