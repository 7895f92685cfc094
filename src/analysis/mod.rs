//! Text analysis shared by the lint rules and the score: the number detector and the per-document
//! fact model, outline detection, the problems and measures of an essay, targets and results.
//! Nothing here reports findings; rules and score detectors build on these views.

pub mod consistency;
pub mod facts;
pub mod figures;
pub mod terms;
