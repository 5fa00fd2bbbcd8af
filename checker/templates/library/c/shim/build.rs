//! Links the student's C functions: `lib__STEM__.a`, which the checker builds from `__STEM__.c`
//! (with `-DLAB_HARNESS -fexceptions`) in this crate's parent directory, the staged C package.

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let package = std::path::Path::new(&manifest_dir)
        .parent()
        .expect("the shim sits in the C package's folder");
    println!("cargo:rustc-link-search=native={}", package.display());
    println!("cargo:rustc-link-lib=static=__STEM__");
    println!(
        "cargo:rerun-if-changed={}",
        package.join("lib__STEM__.a").display()
    );
    println!("cargo:rerun-if-changed=build.rs");
}
