package io.blog.console;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/** Every action that changes something asks first: a dialog with Cancel and the action's name. */
public final class Confirmation {

    private Confirmation() {
    }

    public static void ask(String title, String text, String action, Runnable onConfirm) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.add(new Paragraph(text));
        Button yes = new Button(action, e -> {
            dialog.close();
            onConfirm.run();
        });
        yes.setId("confirm");
        yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button no = new Button("Cancel", e -> dialog.close());
        no.setId("cancel");
        dialog.getFooter().add(no, yes);
        dialog.open();
    }
}
