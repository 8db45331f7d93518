//! jackal-injector: the bootstrap registry of `jackal init`.

use std::process::ExitCode;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Version,
    Usage,
}

fn parse_args(args: &[String]) -> Command {
    match args {
        [flag] if flag == "--version" || flag == "-V" => Command::Version,
        _ => Command::Usage,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Command::Version => {
            println!("jackal-injector {VERSION}");
            ExitCode::SUCCESS
        }
        Command::Usage => {
            eprintln!("usage: jackal-injector --version");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn version_flag_is_recognised() {
        assert_eq!(parse_args(&args(&["--version"])), Command::Version);
        assert_eq!(parse_args(&args(&["-V"])), Command::Version);
    }

    #[test]
    fn anything_else_is_usage() {
        assert_eq!(parse_args(&args(&[])), Command::Usage);
        assert_eq!(parse_args(&args(&["--version", "extra"])), Command::Usage);
        assert_eq!(parse_args(&args(&["serve"])), Command::Usage);
    }
}
