import Classification
import HTS

/// Gene roles in cancer for the somatic stage (OVS1 and the other role-dependent oncogenicity criteria).
/// Columns: `gene`, `role` (`oncogene`, `tumorSuppressor`, `both`), `source`, `verified`.
public struct GeneRoles: Sendable {
    public var byGene: [String: OncogenicityInput.GeneRole]
    public init(byGene: [String: OncogenicityInput.GeneRole] = [:]) { self.byGene = byGene }
    public init(path: String) throws(InputError) {
        let t = try CuratedTable(path: path, required: ["gene", "role", "source", "verified"])
        var m: [String: OncogenicityInput.GeneRole] = [:]
        for r in t.rows {
            let role = try t.oneOf(r, "role", ["oncogene", "tumorSuppressor", "both"])
            m[try t.required(r, "gene")] = OncogenicityInput.GeneRole(rawValue: role)
        }
        byGene = m
    }
}
