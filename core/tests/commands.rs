//! Each lab's example command log (the one `--help` shows) is one the lab
//! reads and carries out on its default settings, with nothing ignored.

mod common;

use scalelab_core::SimTime;
use scalelab_core::input::Choice;
use scalelab_core::lab::{Lab, LabCommand};
use scalelab_core::labs::{caching, hashing, load_balancing};
use scalelab_core::session::Session;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn example_log_applies<L: Lab>(ignored: fn(&L::Event) -> bool) {
    let log = <L::Command as LabCommand>::EXAMPLE_LOG;
    let parsed = Session::<L>::from_params([("log", log)]);
    assert!(parsed.errors.is_empty(), "{}: {log}: {:?}", L::ID.name(), parsed.errors);
    let mut s = parsed.session;
    s.run_until(SimTime::from_ms(5_000));
    let refused: Vec<String> =
        s.lab().trace().recent().filter(|e| ignored(&e.event)).map(|e| format!("{:?}", e.event)).collect();
    assert!(refused.is_empty(), "{}: {log}: {refused:?}", L::ID.name());
}

cross_test! {
    fn every_labs_example_log_is_carried_out() {
        example_log_applies::<load_balancing::LoadBalancing>(|e| matches!(e, load_balancing::Event::CommandIgnored { .. }));
        example_log_applies::<hashing::Hashing>(|e| matches!(e, hashing::Event::CommandIgnored { .. }));
        example_log_applies::<caching::Caching>(|e| matches!(e, caching::Event::CommandIgnored { .. }));
    }
}
