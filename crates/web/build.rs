//! Rebuilds the crate when a translation file is added, changed or removed (the Fluent files
//! are compiled into the binary).

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
