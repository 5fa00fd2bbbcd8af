//! What a test creates before it judges (the program's buffers full, a send of it cut short,
//! output waiting in its own buffer): where that did not happen, a pass would prove nothing.
//! The test then ends "premise not reached" (`Failure::premise_not_reached`), which the
//! grading judges again alone and, at worst, leaves "could not be judged": never a pass. A
//! failure the test proved on the way stands, for bytes missing are missing whatever the
//! condition: the premise is judged last.

use crate::base::i18n::Text;
use crate::base::verdict::{Failure, TestResult};

/// Whether a test's condition happened, and if not, what did not.
#[must_use = "a premise is judged after the test's own verdict (`Premise::judge`)"]
pub struct Premise {
    missing: Option<Text>,
}

impl Premise {
    /// The condition happened if `reached`; else `what` says what did not.
    pub fn of(reached: bool, what: impl FnOnce() -> Text) -> Premise {
        Premise {
            missing: (!reached).then(what),
        }
    }

    /// The test's verdict: `verdict` if it failed, else a pass only where the condition
    /// happened.
    pub fn judge(self, verdict: TestResult) -> TestResult {
        verdict?;
        match self.missing {
            None => Ok(()),
            Some(what) => Err(Failure::premise_not_reached(what)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Premise;
    use crate::base::verdict::{Failure, Status};

    #[test]
    fn a_pass_needs_its_premise_and_a_failure_stands_without_it() {
        assert!(Premise::of(true, || "unused".into()).judge(Ok(())).is_ok());
        let missing = || Premise::of(false, || "the buffers never filled".into());
        let f = missing().judge(Ok(())).unwrap_err();
        assert_eq!(f.status, Status::Unjudged);
        assert!(f.is_premise_not_reached());
        let f = missing()
            .judge(Err(Failure::wrong("bytes missing")))
            .unwrap_err();
        assert_eq!(f.status, Status::Fail);
    }
}
