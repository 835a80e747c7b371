//! A regex checked when the intents are loaded and compiled on its first use:
//! most of the intents' question patterns (and the out-of-scope topics') never
//! run on a given question, since the literal-prefix prefilter keeps them shut,
//! and a start should not pay for the ones no question opens.

use std::sync::OnceLock;

use regex::Regex;

/// A regex compiled on first use. Its syntax is checked by [`LazyRegex::new`], so
/// that a broken pattern still stops the start with its file, line and field.
#[derive(Debug, Clone)]
pub struct LazyRegex {
    pattern: Box<str>,
    re: OnceLock<Regex>,
}

impl LazyRegex {
    /// Checks the pattern's syntax (as [`Regex::new`] parses it) without compiling
    /// it. The error reads as `Regex::new`'s would.
    pub fn new(pattern: &str) -> Result<LazyRegex, String> {
        regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .map_err(|e| regex::Error::Syntax(e.to_string()).to_string())?;
        Ok(LazyRegex {
            pattern: pattern.into(),
            re: OnceLock::new(),
        })
    }

    /// The compiled regex (compiled now if this is its first use). A pattern
    /// whose syntax is valid can still exceed the compiled size limit; such a
    /// pattern matches nothing (the shipped ones are all compiled by a test,
    /// see [`LazyRegex::try_compile`]).
    pub fn get(&self) -> &Regex {
        self.re.get_or_init(|| {
            Regex::new(&self.pattern)
                .unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("the empty class compiles"))
        })
    }

    /// Compiles the pattern now, reporting why it cannot be.
    pub fn try_compile(&self) -> Result<(), regex::Error> {
        if self.re.get().is_none() {
            let re = Regex::new(&self.pattern)?;
            let _ = self.re.set(re);
        }
        Ok(())
    }

    /// Has it been compiled?
    pub fn is_compiled(&self) -> bool {
        self.re.get().is_some()
    }

    /// [`Regex::is_match`].
    pub fn is_match(&self, text: &str) -> bool {
        self.get().is_match(text)
    }

    /// [`Regex::find`].
    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.get().find(text)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }
}

#[cfg(test)]
mod tests {
    use super::LazyRegex;

    #[test]
    fn compiled_only_when_first_used() {
        let r = LazyRegex::new("常务(会议|会)").unwrap();
        assert!(!r.is_compiled());
        assert!(r.is_match("开常务会议"));
        assert!(r.is_compiled());
        assert_eq!(r.find("开常务会").map(|m| m.as_str()), Some("常务会"));
    }

    #[test]
    fn a_syntax_error_reads_as_the_compilers() {
        let bad = String::from("(常务");
        let lazy = LazyRegex::new(&bad).unwrap_err();
        let eager = regex::Regex::new(&bad).unwrap_err().to_string();
        assert_eq!(lazy, eager);
    }
}
