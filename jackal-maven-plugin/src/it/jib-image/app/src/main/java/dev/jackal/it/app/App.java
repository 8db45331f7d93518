package dev.jackal.it.app;

public final class App {
    public static void main(String[] args) {
        System.out.println("hello from the reactor's own image");
    }
}
