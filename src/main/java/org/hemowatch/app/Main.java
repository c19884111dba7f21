package org.hemowatch.app;
public class Main { public static void main(String[] a) {} }
