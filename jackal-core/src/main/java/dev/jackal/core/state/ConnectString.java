package dev.jackal.core.state;

/** How to reach a service a package deployed ({@code jackal connect}). */
public record ConnectString(String description, String url) {}
