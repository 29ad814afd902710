import Classification

// Knowledge and Classification both declare `AppliedCriterion` and `ACMGClass` (the curation file's spelling and
// the engine's model), and each module has an enum of its own name, so a file importing both cannot qualify them.
// These aliases name the engine's types for GermlineAnnotator.swift.
typealias EngineCriterion = AppliedCriterion
typealias EngineClass = ACMGClass
