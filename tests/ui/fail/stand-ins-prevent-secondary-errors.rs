// The catalog has one mistake (status 302). The macro reports it and emits
// empty stand-ins for `ApiError`, `ApiErrorCode` and `ApiErrorCategory`, so
// the code below, which names all three, adds no "cannot find type" error.
amp_errors::amp_errors!("tests/ui/fail/stand-ins-prevent-secondary-errors.toml");

pub struct Handler;

impl Handler {
    pub fn handle(&self, result: Result<u32, ApiError>) -> Option<ApiErrorCode> {
        let _ = result;
        None
    }
}

pub fn categories() -> Vec<ApiErrorCategory> {
    Vec::new()
}

pub trait Reported {
    fn error(self) -> ApiError;
}

fn main() {}
