//! Links std's unwinder for the musl target.
//!
//! std refers to `libunwind` on musl even with `panic = "abort"`. Debian ships no LLVM libunwind for
//! musl, but GCC's `libgcc_eh.a` provides the same `_Unwind_*` symbols, so it is offered to the
//! linker under that name. GCC 12's unwinder first asks glibc's `_dl_find_object`, which musl lacks;
//! a stub that reports "not found" is archived next to it. The unwinder is only reached for
//! backtraces (panics abort), so the stub costs nothing at run time.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("musl") {
        return;
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let found = Command::new("cc")
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .expect("cannot run cc to locate libgcc_eh.a");
    let gcc_eh = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
    assert!(gcc_eh.is_absolute() && gcc_eh.exists(), "libgcc_eh.a not found (install gcc)");
    let alias = out.join("libunwind.a");
    let _ = std::fs::remove_file(&alias);
    std::fs::copy(&gcc_eh, &alias).expect("copy libgcc_eh.a");
    let stub_c = out.join("dl_find_object_stub.c");
    let stub_o = out.join("dl_find_object_stub.o");
    std::fs::write(&stub_c, "int _dl_find_object(void *pc, void *result) { (void)pc; (void)result; return -1; }\n")
        .expect("write stub");
    run(Command::new("musl-gcc").args(["-Os", "-fno-pic", "-c", "-o"]).arg(&stub_o).arg(&stub_c));
    run(Command::new("ar").arg("rs").arg(&alias).arg(&stub_o));
    println!("cargo:rustc-link-search=native={}", out.display());
}

fn run(cmd: &mut Command) {
    let status = cmd.status().unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(status.success(), "{cmd:?} failed with {status}");
}
