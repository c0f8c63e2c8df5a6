//! Sealing and opening residents' answers (`domain::survey::sealed`): the
//! cryptography is the browser's, behind two small traits, so the rules
//! around it (what is bound, what is counted when a seal does not open) are
//! tested natively with stand-ins.

use crate::domain::record::RecordId;
use crate::domain::survey::sealed::{associated_data, opened, well_formed, OpenProblem, Sealed};
use crate::domain::survey::ResponseContent;

/// Encrypts a response's secret part for the organisation's key.
#[allow(async_fn_in_trait)]
pub trait AnswerSealer {
    /// The sealed `plain`, bound to `associated`; `None` when the browser
    /// could not encrypt (then nothing is stored).
    async fn seal(&self, plain: &str, associated: &str) -> Option<Sealed>;
}

/// Decrypts what an [`AnswerSealer`] made, with the private key of this
/// device.
#[allow(async_fn_in_trait)]
pub trait AnswerOpener {
    async fn open(&self, sealed: &Sealed, associated: &str) -> Result<Vec<u8>, OpenProblem>;
}

/// A device without the private key: every seal stays shut.
pub struct NoKey;

impl AnswerOpener for NoKey {
    async fn open(&self, _: &Sealed, _: &str) -> Result<Vec<u8>, OpenProblem> {
        Err(OpenProblem::OtherKey)
    }
}

/// A response as the figures read it: an unsealed one as it is, a sealed
/// one opened (its envelope checked against the seal), or why not.
pub async fn readable<O: AnswerOpener>(
    opener: &O,
    id: &RecordId,
    content: &ResponseContent,
) -> Result<ResponseContent, OpenProblem> {
    let Some(sealed) = &content.sealed else {
        return Ok(content.clone());
    };
    if !well_formed(content) {
        return Err(OpenProblem::Damaged);
    }
    let plain = opener.open(sealed, &associated_data(id, content)).await?;
    opened(content, &plain)
}
