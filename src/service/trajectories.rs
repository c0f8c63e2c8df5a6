//! Individual trajectories: a pseudonymous code, intake with the ZRM begin
//! measurement, contact moments, closing with the end measurement, and the
//! growth figures over the closed ones.

use super::entries::{Entries, SaveError, Saved};
use super::Env;
use crate::domain::entry::Entry;
use crate::domain::record::RecordId;
use crate::domain::taxonomy::{Taxonomy, Term};
use crate::domain::trajectory::{
    growth_share, mean_per_domain, pseudonym, validate_trajectory, zrm_rows, AgeBands, Closing,
    ContactMoment, GrowthShare, TrajectoryFields, TrajectoryProblem, OTHER_DOMAIN,
};
use crate::storage::{RecordStore, StorageError};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::rc::Rc;

pub type Trajectory = Entry<TrajectoryFields>;
pub type TrajectorySaveError = SaveError<TrajectoryProblem>;

/// The figures over the trajectories closed in a year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GrowthReport {
    pub year: i32,
    pub share: GrowthShare,
    /// Per domain: mean begin, mean end, number of trajectories.
    pub per_domain: BTreeMap<String, (f64, f64, u32)>,
    /// Trajectories running now (not closed), whatever their start.
    pub running: u32,
    /// Closed in the year with the resident invited to the KTO: the
    /// denominator of the KTO's response rate.
    pub kto_invited: u32,
}

pub struct TrajectoryService<S, E> {
    entries: Entries<S, E>,
    taxonomy: Rc<Taxonomy>,
    bands: AgeBands,
}

impl<S: RecordStore, E: Env> TrajectoryService<S, E> {
    pub fn new(store: Rc<S>, env: E, taxonomy: Rc<Taxonomy>, device_id: String) -> Self {
        Self {
            entries: Entries::new(store, env, device_id),
            taxonomy,
            bands: AgeBands::builtin(),
        }
    }

    /// The organisation's own age bands instead of the built-in ones.
    pub fn with_age_bands(mut self, bands: AgeBands) -> Self {
        self.bands = bands;
        self
    }

    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The age bands a trajectory may record.
    pub fn age_bands(&self) -> &AgeBands {
        &self.bands
    }

    pub fn today(&self) -> NaiveDate {
        self.entries.today()
    }

    /// Every domain a ZRM measurement may hold, in the organisation's
    /// order: where stored scores are shown. The rows a form offers are
    /// [`Self::zrm_rows`].
    pub fn zrm_domains(&self) -> impl Iterator<Item = &Term> {
        self.taxonomy
            .domains
            .iter()
            .filter(|d| d.code != OTHER_DOMAIN)
    }

    /// The rows of a measurement form for a trajectory with `main_domains`
    /// that scores `held` already ([`zrm_rows`]).
    pub fn zrm_rows(&self, main_domains: &[String], held: &[String]) -> Vec<&Term> {
        zrm_rows(&self.taxonomy.domains, main_domains, held)
    }

    /// A pseudonymous code that no stored trajectory has. A deleted one
    /// keeps no content, its code included, so the code space (31^6, about
    /// 887 million codes) is what keeps a code from coming back.
    pub async fn new_code(&self) -> Result<String, StorageError> {
        let taken = self.all_codes().await?;
        loop {
            let bytes = self.entries.env().random_bytes();
            let code = pseudonym([bytes[0], bytes[1], bytes[2], bytes[3], bytes[4]]);
            if !taken.contains(&code) {
                return Ok(code);
            }
        }
    }

    async fn all_codes(&self) -> Result<Vec<String>, StorageError> {
        let all: Vec<Trajectory> = self.entries.live().await?;
        Ok(all.into_iter().map(|t| t.fields.code).collect())
    }

    /// Validates and stores a new trajectory, or the next revision of
    /// `editing`. Nothing is written when anything is wrong.
    pub async fn save(
        &self,
        fields: TrajectoryFields,
        editing: Option<&Trajectory>,
    ) -> Result<Saved<TrajectoryFields>, TrajectorySaveError> {
        let mut problems =
            validate_trajectory(&fields, &self.taxonomy, self.age_bands(), self.today())
                .err()
                .unwrap_or_default();
        // A stored trajectory's code was checked when it was stored: only a
        // new code needs the read of every trajectory (not a logged moment,
        // a closing or an edit of the intake).
        if editing.is_none_or(|t| t.fields.code != fields.code) {
            let own = editing.map(|t| t.meta.id);
            let all: Vec<Trajectory> = self.entries.live().await?;
            if all
                .iter()
                .any(|t| t.fields.code == fields.code && Some(t.meta.id) != own)
            {
                problems.insert(0, TrajectoryProblem::CodeInUse);
            }
        }
        if !problems.is_empty() {
            return Err(SaveError::Invalid(problems));
        }
        Ok(self.entries.save(fields, editing).await?)
    }

    /// Logs a contact moment as the next revision.
    pub async fn log_moment(
        &self,
        trajectory: &Trajectory,
        moment: ContactMoment,
    ) -> Result<Saved<TrajectoryFields>, TrajectorySaveError> {
        let mut fields = trajectory.fields.clone();
        fields.contact_moments.push(moment);
        self.save(fields, Some(trajectory)).await
    }

    /// Closes with the end measurement, as the next revision.
    pub async fn close(
        &self,
        trajectory: &Trajectory,
        closing: Closing,
    ) -> Result<Saved<TrajectoryFields>, TrajectorySaveError> {
        let mut fields = trajectory.fields.clone();
        fields.closing = Some(closing);
        self.save(fields, Some(trajectory)).await
    }

    /// Takes the closing back (to correct the end measurement, or because
    /// support goes on), as the next revision.
    pub async fn reopen(
        &self,
        trajectory: &Trajectory,
    ) -> Result<Saved<TrajectoryFields>, TrajectorySaveError> {
        let mut fields = trajectory.fields.clone();
        fields.closing = None;
        self.save(fields, Some(trajectory)).await
    }

    pub async fn delete(
        &self,
        trajectory: &Trajectory,
    ) -> Result<Saved<TrajectoryFields>, StorageError> {
        self.entries.delete(trajectory).await
    }

    pub async fn undo(&self, saved: &Saved<TrajectoryFields>) -> Result<Trajectory, StorageError> {
        self.entries.undo(saved).await
    }

    pub async fn get(&self, id: RecordId) -> Result<Option<Trajectory>, StorageError> {
        self.entries.get(id).await
    }

    /// Running trajectories first, then closed ones; newest start first
    /// within each.
    pub async fn list(&self) -> Result<Vec<Trajectory>, StorageError> {
        let mut list: Vec<Trajectory> = self.entries.live().await?;
        sort_for_list(&mut list);
        Ok(list)
    }

    /// The list screen's data from one read: the list, in its order, and the
    /// year's growth report.
    pub async fn overview(
        &self,
        year: i32,
    ) -> Result<(Vec<Trajectory>, GrowthReport), StorageError> {
        let mut list: Vec<Trajectory> = self.entries.live().await?;
        let report = report_of(&list, year);
        sort_for_list(&mut list);
        Ok((list, report))
    }

    /// Residents invited to the KTO when their trajectory closed (all years):
    /// the KTO's response rate counts them as invited.
    pub async fn kto_invitations(&self) -> Result<u32, StorageError> {
        let live: Vec<Trajectory> = self.entries.live().await?;
        Ok(live
            .iter()
            .filter(|t| t.fields.closing.as_ref().is_some_and(|c| c.kto_invited))
            .count() as u32)
    }

    /// Growth over the trajectories closed in `year` (by closing date).
    pub async fn growth_report(&self, year: i32) -> Result<GrowthReport, StorageError> {
        let live: Vec<Trajectory> = self.entries.live().await?;
        Ok(report_of(&live, year))
    }
}

fn sort_for_list(list: &mut [Trajectory]) {
    list.sort_by(|a, b| {
        (a.fields.is_closed(), b.fields.start, b.meta.id).cmp(&(
            b.fields.is_closed(),
            a.fields.start,
            a.meta.id,
        ))
    });
}

/// Growth over the trajectories of `live` closed in `year`.
fn report_of(live: &[Trajectory], year: i32) -> GrowthReport {
    let running = live.iter().filter(|t| !t.fields.is_closed()).count() as u32;
    let closed: Vec<TrajectoryFields> = live
        .iter()
        .filter(|t| {
            t.fields
                .closing
                .as_ref()
                .is_some_and(|c| c.date.year() == year)
        })
        .map(|t| t.fields.clone())
        .collect();
    let kto_invited = closed
        .iter()
        .filter(|f| f.closing.as_ref().is_some_and(|c| c.kto_invited))
        .count() as u32;
    GrowthReport {
        year,
        share: growth_share(&closed),
        per_domain: mean_per_domain(&closed),
        running,
        kto_invited,
    }
}
