//! The staff apps' addresses: every screen is a hash route (`#/instellingen`,
//! `#/trajecten/<id>`), read from and written to the address bar by
//! `app::nav`. Hash routes need nothing from the web server or the service
//! worker: every address is the app's own `index.html`, online and offline
//! (docs/ARCHITECTURE.md, "screens with addresses"). Pure: no browser here.

#[cfg(feature = "coordinator")]
use crate::domain::record::RecordId;

/// One screen of the staff app this build is.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Route {
    /// The volunteer's registration (the chooser while no location is set).
    #[cfg(not(feature = "coordinator"))]
    Register,
    /// First run: which location this device registers for.
    #[cfg(not(feature = "coordinator"))]
    ChooseLocation,
    #[cfg(feature = "coordinator")]
    Surveys,
    /// A survey version being edited: survey id and version.
    #[cfg(feature = "coordinator")]
    SurveyEditor(String, u32),
    #[cfg(feature = "coordinator")]
    Trajectories(Sub),
    #[cfg(feature = "coordinator")]
    Activities(Sub),
    #[cfg(feature = "coordinator")]
    Initiatives(Sub),
    /// The organisation's own lists (locations, referral targets, …).
    #[cfg(feature = "coordinator")]
    Lists,
    /// The yearly report (`#/jaarbeeld`).
    #[cfg(feature = "coordinator")]
    Report,
    Settings,
}

/// The screens of one coordinator area: its list, a new record, one record,
/// a change to it, and (trajectories only) its closing.
#[cfg(feature = "coordinator")]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sub {
    List,
    New,
    Detail(RecordId),
    Edit(RecordId),
    Close(RecordId),
}

/// Which top-level screen a route belongs to: the header's tabs, and what
/// the shell rebuilds (moving within an area keeps the area's notice).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Area {
    #[cfg(not(feature = "coordinator"))]
    Register,
    #[cfg(not(feature = "coordinator"))]
    ChooseLocation,
    #[cfg(feature = "coordinator")]
    Surveys,
    #[cfg(feature = "coordinator")]
    Trajectories,
    #[cfg(feature = "coordinator")]
    Activities,
    #[cfg(feature = "coordinator")]
    Initiatives,
    #[cfg(feature = "coordinator")]
    Lists,
    #[cfg(feature = "coordinator")]
    Report,
    Settings,
}

/// The coordinator app's builds, one per group of areas (cargo features
/// `area-…`): /beheer/ loads the build that the address's first segment
/// names (`tools/coordinator-areas.mjs` writes that loader), and `Nav`
/// loads the page anew when a route is in another build.
#[cfg(feature = "coordinator")]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Bundle {
    Surveys,
    Trajectories,
    /// Activities and initiatives.
    Activities,
    /// Device settings and the organisation's: lists, import, sync,
    /// conflicts, period export.
    Settings,
    Report,
}

#[cfg(feature = "coordinator")]
impl Area {
    /// The build that carries this area's screens.
    pub fn bundle(self) -> Bundle {
        match self {
            Area::Surveys => Bundle::Surveys,
            Area::Trajectories => Bundle::Trajectories,
            Area::Activities | Area::Initiatives => Bundle::Activities,
            Area::Lists | Area::Settings => Bundle::Settings,
            Area::Report => Bundle::Report,
        }
    }

    /// Whether this build shows the area's screens itself (otherwise the
    /// page is loaded anew, with the area's own build).
    pub fn is_here(self) -> bool {
        match self.bundle() {
            Bundle::Surveys => cfg!(feature = "area-surveys"),
            Bundle::Trajectories => cfg!(feature = "area-trajectories"),
            Bundle::Activities => cfg!(feature = "area-activities"),
            Bundle::Settings => cfg!(feature = "area-settings"),
            Bundle::Report => cfg!(feature = "area-report"),
        }
    }
}

const SETTINGS: &str = "instellingen";
#[cfg(not(feature = "coordinator"))]
const LOCATION: &str = "locatie";
#[cfg(feature = "coordinator")]
const SURVEYS: &str = "enquetes";
#[cfg(feature = "coordinator")]
const LISTS: &str = "lijsten";
#[cfg(feature = "coordinator")]
const REPORT: &str = "jaarbeeld";
#[cfg(feature = "coordinator")]
const AREAS: [(Area, &str); 3] = [
    (Area::Trajectories, "trajecten"),
    (Area::Activities, "activiteiten"),
    (Area::Initiatives, "initiatieven"),
];

impl Route {
    /// Where each app opens: the coordinator's at its surveys.
    pub fn start() -> Route {
        #[cfg(feature = "coordinator")]
        {
            Route::Surveys
        }
        #[cfg(not(feature = "coordinator"))]
        {
            Route::Register
        }
    }

    /// The route of an address's fragment (`#/trajecten/…`, with or without
    /// the `#`). An empty fragment is the start screen; one this app does not
    /// know is `None`.
    pub fn parse(fragment: &str) -> Option<Route> {
        let path = fragment.strip_prefix('#').unwrap_or(fragment);
        let path = path.strip_prefix('/').unwrap_or(path);
        let path = path.strip_suffix('/').unwrap_or(path);
        match path {
            "" => Some(Route::start()),
            SETTINGS => Some(Route::Settings),
            #[cfg(not(feature = "coordinator"))]
            LOCATION => Some(Route::ChooseLocation),
            #[cfg(feature = "coordinator")]
            SURVEYS => Some(Route::Surveys),
            #[cfg(feature = "coordinator")]
            LISTS => Some(Route::Lists),
            #[cfg(feature = "coordinator")]
            REPORT => Some(Route::Report),
            #[cfg(feature = "coordinator")]
            _ => Route::parse_coordinator(path),
            #[cfg(not(feature = "coordinator"))]
            _ => None,
        }
    }

    /// A survey in the editor, or a screen of a coordinator area.
    #[cfg(feature = "coordinator")]
    fn parse_coordinator(path: &str) -> Option<Route> {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [SURVEYS, id, version] => {
                let fits = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
                let version = version.parse().ok()?;
                id.chars()
                    .all(fits)
                    .then(|| Route::SurveyEditor((*id).to_owned(), version))
            }
            [name, rest @ ..] => {
                let area = AREAS.iter().find(|(_, n)| n == name)?.0;
                Some(Route::in_area(area, Sub::parse(rest)?))
            }
            [] => None,
        }
    }

    /// The fragment for this route, `#/…`, for links and the address bar.
    pub fn href(&self) -> String {
        match self {
            #[cfg(not(feature = "coordinator"))]
            Route::Register => "#/".to_owned(),
            #[cfg(not(feature = "coordinator"))]
            Route::ChooseLocation => format!("#/{LOCATION}"),
            #[cfg(feature = "coordinator")]
            Route::Surveys => format!("#/{SURVEYS}"),
            #[cfg(feature = "coordinator")]
            Route::SurveyEditor(id, version) => format!("#/{SURVEYS}/{id}/{version}"),
            #[cfg(feature = "coordinator")]
            Route::Lists => format!("#/{LISTS}"),
            #[cfg(feature = "coordinator")]
            Route::Report => format!("#/{REPORT}"),
            #[cfg(feature = "coordinator")]
            Route::Trajectories(sub) | Route::Activities(sub) | Route::Initiatives(sub) => {
                let area = self.area();
                let name = AREAS
                    .iter()
                    .find(|(a, _)| *a == area)
                    .map_or("", |(_, n)| n);
                format!("#/{name}{}", sub.path())
            }
            Route::Settings => format!("#/{SETTINGS}"),
        }
    }

    pub fn area(&self) -> Area {
        match self {
            #[cfg(not(feature = "coordinator"))]
            Route::Register => Area::Register,
            #[cfg(not(feature = "coordinator"))]
            Route::ChooseLocation => Area::ChooseLocation,
            #[cfg(feature = "coordinator")]
            Route::Surveys | Route::SurveyEditor(..) => Area::Surveys,
            #[cfg(feature = "coordinator")]
            Route::Trajectories(_) => Area::Trajectories,
            #[cfg(feature = "coordinator")]
            Route::Activities(_) => Area::Activities,
            #[cfg(feature = "coordinator")]
            Route::Initiatives(_) => Area::Initiatives,
            #[cfg(feature = "coordinator")]
            Route::Lists => Area::Lists,
            #[cfg(feature = "coordinator")]
            Route::Report => Area::Report,
            Route::Settings => Area::Settings,
        }
    }

    /// The screen of a coordinator area.
    #[cfg(feature = "coordinator")]
    pub fn in_area(area: Area, sub: Sub) -> Route {
        match area {
            Area::Activities => Route::Activities(sub),
            Area::Initiatives => Route::Initiatives(sub),
            _ => Route::Trajectories(sub),
        }
    }

    /// The area's screen, when this route is in a coordinator area.
    #[cfg(feature = "coordinator")]
    pub fn sub(&self) -> Option<Sub> {
        match self {
            Route::Trajectories(sub) | Route::Activities(sub) | Route::Initiatives(sub) => {
                Some(*sub)
            }
            _ => None,
        }
    }
}

#[cfg(feature = "coordinator")]
impl Sub {
    fn parse(rest: &[&str]) -> Option<Sub> {
        let id = |text: &str| uuid::Uuid::parse_str(text).ok().map(RecordId);
        match rest {
            [] => Some(Sub::List),
            ["nieuw"] => Some(Sub::New),
            [record] => Some(Sub::Detail(id(record)?)),
            [record, "wijzigen"] => Some(Sub::Edit(id(record)?)),
            [record, "afsluiten"] => Some(Sub::Close(id(record)?)),
            _ => None,
        }
    }

    fn path(&self) -> String {
        match self {
            Sub::List => String::new(),
            Sub::New => "/nieuw".to_owned(),
            Sub::Detail(id) => format!("/{id}"),
            Sub::Edit(id) => format!("/{id}/wijzigen"),
            Sub::Close(id) => format!("/{id}/afsluiten"),
        }
    }
}
