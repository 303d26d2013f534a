//! The one integration-test binary of softbalance-web: the dashboard in a real headless browser.

mod browser;
