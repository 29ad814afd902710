import Foundation
import Testing
import TestSupport

/// `consilium acmg combine`: class, points and deciding rule; tables with id/gene/criteria or an eRepo export.
@Suite struct ACMGCombineTests {
    @Test func criteriaOnTheCommandLine() throws {
        let r = try Command.consilium(["acmg", "combine", "PVS1", "PM2_Supporting"])
        #expect(r.status == 0)
        #expect(r.stdoutText.contains("class          Likely Pathogenic"))
        #expect(r.stdoutText.contains("points         9"))
        #expect(r.stdoutText.contains("1 Very Strong + ≥1 Supporting"))
    }

    @Test func jsonOutput() throws {
        let r = try Command.consilium(["acmg", "combine", "--json", "--gene", "DICER1", "BS1", "PP3"])
        #expect(r.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])
        #expect(obj["class"] as? String == "Likely Benign")
        #expect(obj["points"] as? Int == -3)
        #expect(obj["specification"] as? String == "DICER1-VCEP@1")
        #expect(obj["table5_class"] as? String == "Uncertain Significance")
    }

    @Test func profileChangesTheFinalClass() throws {
        let svi = try Command.consilium(["acmg", "combine", "--json", "BP4"])
        let points = try Command.consilium(["acmg", "combine", "--json", "--profile", "tavtigian-2020", "BP4"])
        #expect(svi.stdoutText.contains("\"class\":\"Uncertain Significance\""))
        #expect(points.stdoutText.contains("\"class\":\"Likely Benign\""))
    }

    @Test func badCriterionIsInputError() throws {
        let r = try Command.consilium(["acmg", "combine", "PVS1", "PX9"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("item 2"))
        #expect(!r.crashed)
    }

    @Test func usageErrors() throws {
        #expect(try Command.consilium(["acmg", "combine"]).status == 2)
        #expect(try Command.consilium(["acmg", "combine", "--profile", "nope", "PVS1"]).status == 2)
    }

    @Test func tableWithIdGeneCriteria() throws {
        let dir = try Command.temporaryDirectory()
        let input = dir.appendingPathComponent("in.tsv").path
        let output = dir.appendingPathComponent("out.tsv").path
        try "ID\tGene\tCriteria\nv1\tPAH\tPVS1, PM2\nv2\tDICER1\tBP4, BS2_Supporting, PM2_Supporting\nv3\t\t\n"
            .write(toFile: input, atomically: true, encoding: .utf8)
        let r = try Command.consilium(["acmg", "combine", "--tsv", input, "-o", output])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines[0] == "ID\tGene\tCriteria\tclass\tpoints\trule")
        #expect(lines[1].hasPrefix("v1\tPAH\tPVS1, PM2\tLikely Pathogenic\t10\t2015 Table 5: Likely Pathogenic (i)"))
        #expect(lines[2].hasPrefix("v2\tDICER1\tBP4, BS2_Supporting, PM2_Supporting\tLikely Benign\t-1\t"))
        #expect(lines[3].hasPrefix("v3\t\t\tUncertain Significance\t0\t"))
    }

    @Test func tableWithBadRowNamesLineAndLeavesNoOutput() throws {
        let dir = try Command.temporaryDirectory()
        let input = dir.appendingPathComponent("in.tsv").path
        let output = dir.appendingPathComponent("out.tsv").path
        try "id\tgene\tcriteria\nv1\tPAH\tPVS1\nv2\tPAH\tPVS1, PM2_Weak\n".write(toFile: input, atomically: true, encoding: .utf8)
        let r = try Command.consilium(["acmg", "combine", "--tsv", input, "-o", output])
        #expect(r.status == 1)
        #expect(r.stderr.contains("line 3"))
        #expect(r.stderr.contains("criteria"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func tableWithoutCriteriaColumn() throws {
        let dir = try Command.temporaryDirectory()
        let input = dir.appendingPathComponent("in.tsv").path
        try "id\tgene\nv1\tPAH\n".write(toFile: input, atomically: true, encoding: .utf8)
        let r = try Command.consilium(["acmg", "combine", "--tsv", input])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no criteria column"))
    }

    /// Acceptance through the command: the eRepo export as it is, the panel's `Assertion` against our `class`.
    @Test(.enabled(if: SharedData.shouldRun, SharedData.skipNote))
    func eRepoExportAsItIs() throws {
        guard try SharedData.require() else { return }
        let dir = try Command.temporaryDirectory()
        let output = dir.appendingPathComponent("erepo.classified.tsv").path
        let r = try Command.consilium(["acmg", "combine", "--tsv", SharedData.path("classification/clingen_erepo_dev.tsv"), "-o", output])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(header.suffix(3)) == ["class", "points", "rule"])
        let assertion = try #require(header.firstIndex(of: "Assertion"))
        let retracted = try #require(header.firstIndex(of: "Retracted"))
        let cls = try #require(header.firstIndex(of: "class"))
        var total = 0, matches = 0
        for line in lines.dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(f.count == header.count)
            if f[retracted] == "True" { continue }
            total += 1
            if f[assertion] == f[cls] { matches += 1 }
        }
        #expect(total == 1951)
        #expect(matches == 1905, "97.64 %, as ERepoConcordanceTests measures through the library")
    }
}
