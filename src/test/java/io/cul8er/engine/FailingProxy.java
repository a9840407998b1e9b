package io.cul8er.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** A stand-in for {@code delegate} whose method {@code failing} throws {@code failure}; every other call is passed on. */
final class FailingProxy {
  private FailingProxy() {}

  static <T> T of(Class<T> type, T delegate, String failing, RuntimeException failure) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (method.getName().equals(failing)) {
        throw failure;
      }
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }));
  }
}
