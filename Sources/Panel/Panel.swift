// Panel: case reports for expert panels (エキスパートパネル), issue #6.
// The case file, the `CaseReport` value and its renderers live in the folders of this target;
// templates are files under `Templates/` (a resource), rendered with swift-mustache.
import Foundation

/// Where the report templates are found at run time.
public enum PanelResources {
    /// The folder holding the Mustache templates shipped with the executable.
    public static var templatesURL: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }
}
