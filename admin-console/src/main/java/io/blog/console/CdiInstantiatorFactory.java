package io.blog.console;

import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.di.InstantiatorFactory;
import com.vaadin.flow.server.VaadinService;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Views and components come from CDI, so they take their services by constructor injection as any
 * other bean would. (Vaadin's own CDI add-on is not published for Vaadin 25.)
 */
public class CdiInstantiatorFactory implements InstantiatorFactory {

    @Override
    public Instantiator createInstantitor(VaadinService service) {
        return new DefaultInstantiator(service) {
            @Override
            public <T> T getOrCreate(Class<T> type) {
                Instance<T> bean = CDI.current().select(type);
                return bean.isResolvable() ? bean.get() : super.getOrCreate(type);
            }
        };
    }
}
