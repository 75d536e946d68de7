//! Evidence a dataset can stand behind: [`verify`] re-hashes every captured source,
//! extracts its text again and checks every quote and its position in it; [`bag`]
//! writes the dataset and its captures as a BagIt evidence package (RFC 8493).

pub mod bag;
pub mod verify;

pub use bag::write_bag;
pub use verify::{Verification, verify};
