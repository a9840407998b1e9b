package io.cul8er.cli;

public final class Main {
  public static void main(String[] args) {
    System.out.println("cul8er");
  }
}
