package dev.governor.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictorsTest {
  @Test
  void createsEachNamedPredictor() {
    assertEquals(List.of("seasonal", "holt-winters", "ewma-trend", "ensemble"), List.copyOf(Predictors.names()));
    assertInstanceOf(SeasonalProfilePredictor.class, Predictors.create("seasonal"));
    assertInstanceOf(HoltWintersPredictor.class, Predictors.create("holt-winters"));
    assertInstanceOf(EwmaTrendPredictor.class, Predictors.create("ewma-trend"));
    assertInstanceOf(EnsemblePredictor.class, Predictors.create("ensemble"));
  }

  @Test
  void aFactoryMakesFreshInstances() {
    var f = Predictors.factory("ensemble");
    assertNotSame(f.get(), f.get());
  }

  @Test
  void anUnknownNameFailsWithTheKnownNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Predictors.create("arima"));
    assertEquals("unknown predictor 'arima'; known predictors are [seasonal, holt-winters, ewma-trend, ensemble]", e.getMessage());
    assertThrows(NullPointerException.class, () -> Predictors.create(null));
  }
}
