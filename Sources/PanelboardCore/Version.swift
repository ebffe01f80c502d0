public enum PanelboardVersion { public static let current = "0.1.0" }
