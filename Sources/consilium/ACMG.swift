import ArgumentParser

/// `consilium acmg`: ACMG/AMP germline classification tools.
struct ACMG: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acmg",
        abstract: "ACMG/AMP germline classification: combine applied criteria into a class.",
        subcommands: [ACMGCombine.self]
    )
}
