/// The version written into output headers, knowledge-base manifests and reports.
public enum ConsiliumVersion {
    public static let string = "0.1.0"
}
