import Foundation
import Testing
@testable import Panel

/// Templates ship as files with the build (issue #6: "templates live in files").
@Suite struct PanelResourcesTests {
    @Test func templatesFolderShipsWithTheBuild() throws {
        let url = try #require(PanelResources.templatesURL)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        #expect(names.contains { $0.hasSuffix(".mustache") })
    }
}
