import ArgumentParser
import Foundation
import HTS
import Knowledge

/// `consilium kb`: build and inspect the local knowledge base.
struct KB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Build and inspect the local knowledge base (ClinVar, population frequencies, …).",
        subcommands: [KBBuild.self, KBInfo.self]
    )
}
