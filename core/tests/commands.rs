//! Each lab's example command log (the one `--help` shows) is one the lab
//! reads and carries out on its default settings, with nothing refused: run
//! over the registry, so a new lab is covered without being named.

use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::lab::{Lab, LabCommand, LabId};
use scalelab_core::labs::Visitor;
use scalelab_core::session::Session;

struct ExampleLogApplies;

impl Visitor for ExampleLogApplies {
    type Output = ();

    fn lab<L: Lab>(self) {
        let log = <L::Command as LabCommand>::EXAMPLE_LOG;
        let parsed = Session::<L>::from_params([("log", log)]);
        assert!(parsed.errors.is_empty(), "{}: {log}: {:?}", L::ID.name(), parsed.errors);
        let mut s = parsed.session;
        s.run_until(SimTime::from_ms(5_000));
        assert!(s.refused().is_empty(), "{}: {log}: refused {:?}", L::ID.name(), s.refused());
        assert_eq!(s.log().entries().len(), log.split(',').count(), "{}: {log}", L::ID.name());
    }
}

cross_test! {
    fn every_labs_example_log_is_carried_out() {
        for id in LabId::ALL {
            id.visit(ExampleLogApplies);
        }
    }
}
