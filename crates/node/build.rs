//! The napi_* symbols are resolved against the node process at load time. Linux allows
//! undefined symbols in a cdylib by default; macOS needs to be told.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos") {
        println!("cargo:rustc-cdylib-link-arg=-undefined");
        println!("cargo:rustc-cdylib-link-arg=dynamic_lookup");
    }
}
