//! The build script of every C library exercise's shim (its folder's `c-shim/`), which the checker
//! writes beside it with the exercise's archive named (its `C_TRACK` row's `library`): it links
//! the student's C functions, `lib__LIBRARY__.a`, which the checker builds from `__LIBRARY__.c`
//! (with `-DLAB_HARNESS -fexceptions`) in the shim's parent directory, the staged C package.

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let package = std::path::Path::new(&manifest_dir)
        .parent()
        .expect("the shim sits in the C package's folder");
    println!("cargo:rustc-link-search=native={}", package.display());
    println!("cargo:rustc-link-lib=static=__LIBRARY__");
    println!(
        "cargo:rerun-if-changed={}",
        package.join("lib__LIBRARY__.a").display()
    );
    println!("cargo:rerun-if-changed=build.rs");
}
