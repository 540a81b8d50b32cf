//! The browser entry point (built by trunk).

fn main() {
    scalelab_web::start();
}
