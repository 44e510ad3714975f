// Every app command is listed in `src/contract/list.rs`; its names go to
// tauri-build, which makes their `allow-<command>` / `deny-<command>`
// permissions: a command missing from the list cannot be granted, and one not
// granted in `capabilities/` is refused.
macro_rules! contract {
    ($($module:ident :: $name:ident $(<$r:ident>)? ( $($input:ty)? ) -> $output:ty ;)*) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("src/contract/list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/contract/list.rs");
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports failure by exiting non-zero; `{:#}` keeps the cause chain.
        println!("cargo:warning=tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
